using AwsSdkDecoder = Amazon.Runtime.EventStreams.Internal.EventStreamDecoder;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Serverless.Bedrock.EventStreams;

namespace Serverless.Bench.EventStreams;

/// <summary>
/// Event-stream decoding throughput (issue goal: at least 500 MB/s): our reader over a stream of Bedrock-like
/// frames, beside AWSSDK.Core's own EventStreamDecoder fed the same bytes (the baseline).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class EventStreamDecodeBenchmarks : IBytesPerOperation
{
    private const int StreamBytes = 4 * 1024 * 1024;
    private byte[] _stream = [];
    private int _frames;

    /// <summary>Payload bytes per frame: ~100 is a ConverseStream text delta, 1 KiB a chunk of InvokeModel output, 16 KiB a large chunk.</summary>
    [Params(100, 1024, 16384)]
    public int PayloadSize { get; set; }

    public long BytesPerOperation => Build().Length;

    [GlobalSetup]
    public void Setup()
    {
        _stream = Build();
        _frames = 0;
        foreach (var unused in Frames(_stream))
        {
            _frames++;
        }
    }

    [Benchmark(Baseline = true, Description = "AWSSDK.Core EventStreamDecoder")]
    public int AwsSdkCoreDecoder()
    {
        var count = 0;
        using var decoder = new AwsSdkDecoder();
        decoder.MessageReceived += (_, _) => count++;
        decoder.ProcessData(_stream, 0, _stream.Length);
        return Check(count);
    }

    [Benchmark(Description = "EventStreamReader (ours)")]
    public async Task<int> OurReader()
    {
        var count = 0;
        using var source = new MemoryStream(_stream, writable: false);
        await foreach (var unused in EventStreamReader.ReadMessagesAsync(source))
        {
            count++;
        }

        return Check(count);
    }

    private int Check(int count) => count == _frames ? count : throw new InvalidOperationException($"decoded {count} of {_frames} frames");

    private byte[] Build()
    {
        var payload = new byte[PayloadSize];
        new Random(1).NextBytes(payload);
        var frame = EventStreamEncoder.EncodeEvent("chunk", payload);
        var copies = Math.Max(1, StreamBytes / frame.Length);
        var all = new byte[frame.Length * copies];
        for (var i = 0; i < copies; i++)
        {
            frame.CopyTo(all, i * frame.Length);
        }

        return all;
    }

    private static IEnumerable<int> Frames(byte[] stream)
    {
        for (var offset = 0; offset < stream.Length;)
        {
            EventStreamDecoder.TryReadPrelude(stream.AsSpan(offset), out var length);
            offset += length;
            yield return length;
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new ThroughputColumn());
    }
}
