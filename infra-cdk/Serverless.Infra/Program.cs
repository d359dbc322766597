using Amazon.CDK;
using Serverless.Infra;
using Serverless.Infra.Configuration;

try
{
    var app = new App();
    InfraApp.AddStacks(app, InfraApp.FindRepositoryRoot(Directory.GetCurrentDirectory()));
    app.Synth();
    return 0;
}
catch (InfraSettingsException exception)
{
    // A configuration error is the user's to fix: say what, not where in this program.
    Console.Error.WriteLine("cdk.json: " + exception.Message);
    return 1;
}
catch (Exception exception) when (exception.Message.Contains("Failed to bundle asset", StringComparison.Ordinal))
{
    // The publish's own output says what went wrong; the stack through jsii would only bury it.
    Console.Error.WriteLine(exception.Message);
    return 1;
}
