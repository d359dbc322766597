namespace Serverless.LocalBedrock.Jobs.Common;

/// <summary>
/// The statuses a resource has passed through, with waiters. A waiter for a status completes even when the
/// resource has already moved past it, so fast (zero-duration) phases cannot be missed.
/// </summary>
internal sealed class StatusHistory
{
    private readonly object _gate = new();
    private readonly List<string> _visited = [];
    private readonly List<(string Status, TaskCompletionSource Done)> _waiters = [];

    public StatusHistory(string initial)
    {
        _visited.Add(initial);
    }

    public IReadOnlyList<string> Visited
    {
        get
        {
            lock (_gate)
            {
                return [.. _visited];
            }
        }
    }

    public void Add(string status)
    {
        List<TaskCompletionSource> done;
        lock (_gate)
        {
            _visited.Add(status);
            done = _waiters.Where(w => w.Status == status).Select(w => w.Done).ToList();
            _waiters.RemoveAll(w => w.Status == status);
        }

        foreach (var waiter in done)
        {
            waiter.TrySetResult();
        }
    }

    public Task WaitForAsync(string status, CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_gate)
        {
            if (_visited.Contains(status))
            {
                return Task.CompletedTask;
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((status, waiter));
        }

        return waiter.Task.WaitAsync(cancellationToken);
    }
}
