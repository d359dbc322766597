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
