namespace Serverless.Functions.Metrics;

/// <summary>One Count metric of an EMF line: its name and value.</summary>
public readonly record struct EmfMetric(string Name, long Value);
