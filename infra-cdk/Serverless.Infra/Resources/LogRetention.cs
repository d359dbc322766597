using Amazon.CDK.AWS.Logs;

namespace Serverless.Infra.Resources;

/// <summary>Days (as in cdk.json) to CDK's RetentionDays; the settings reader accepts only CloudWatch's periods.</summary>
public static class LogRetention
{
    public static RetentionDays Days(int days) => days switch
    {
        1 => RetentionDays.ONE_DAY,
        3 => RetentionDays.THREE_DAYS,
        5 => RetentionDays.FIVE_DAYS,
        7 => RetentionDays.ONE_WEEK,
        14 => RetentionDays.TWO_WEEKS,
        30 => RetentionDays.ONE_MONTH,
        60 => RetentionDays.TWO_MONTHS,
        90 => RetentionDays.THREE_MONTHS,
        120 => RetentionDays.FOUR_MONTHS,
        150 => RetentionDays.FIVE_MONTHS,
        180 => RetentionDays.SIX_MONTHS,
        365 => RetentionDays.ONE_YEAR,
        400 => RetentionDays.THIRTEEN_MONTHS,
        545 => RetentionDays.EIGHTEEN_MONTHS,
        731 => RetentionDays.TWO_YEARS,
        1096 => RetentionDays.THREE_YEARS,
        1827 => RetentionDays.FIVE_YEARS,
        2192 => RetentionDays.SIX_YEARS,
        2557 => RetentionDays.SEVEN_YEARS,
        2922 => RetentionDays.EIGHT_YEARS,
        3288 => RetentionDays.NINE_YEARS,
        3653 => RetentionDays.TEN_YEARS,
        _ => throw new ArgumentOutOfRangeException(nameof(days), days, "not a CloudWatch Logs retention period"),
    };
}
