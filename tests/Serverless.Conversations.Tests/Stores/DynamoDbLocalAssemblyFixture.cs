using Serverless.TestSupport;

// One DynamoDB Local JVM for the whole test assembly run (it takes seconds to start); each test class isolates
// itself in a fresh table, so classes still run in parallel.
[assembly: AssemblyFixture(typeof(DynamoDbLocalFixture))]
