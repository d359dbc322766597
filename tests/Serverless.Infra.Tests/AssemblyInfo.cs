// jsii runs one node process per .NET process and its kernel is not safe for concurrent calls: CDK test classes
// running in parallel race in it. Every test here runs one after the other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: AssemblyFixture(typeof(Serverless.Infra.Tests.Support.DefaultStack))]
