using Serverless.LocalBedrock.Configuration;

namespace Serverless.LocalBedrock.Tests;

/// <summary>The one configuration file also configures batch jobs and async invoke.</summary>
public class JobsSettingsTests
{
    [Fact]
    public void The_jobs_section_reaches_the_jobs_engine_options()
    {
        var settings = SettingsLoader.Merge("""{"jobs":{"maxActiveJobsPerModel":3,"minRecordsPerJob":10,"phases":{"validating":"00:00:05"},"faults":{"failedRecordRate":0.05}}}""");

        Assert.Equal(3, settings.Jobs.MaxActiveJobsPerModel);
        Assert.Equal(10, settings.Jobs.MinRecordsPerJob);
        Assert.Equal(50_000, settings.Jobs.MaxRecordsPerJob);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.Jobs.Phases.Validating);
        Assert.Equal(0.05, settings.Jobs.Faults.FailedRecordRate);
    }

    [Fact]
    public void A_misspelt_jobs_member_is_an_error_that_names_it()
    {
        var error = Assert.ThrowsAny<Exception>(() => SettingsLoader.Merge("""{"jobs":{"maxActiveJob":3}}"""));

        Assert.Contains("maxActiveJob", error.Message);
    }
}
