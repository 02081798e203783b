using System.Text;
using System.Text.Json;
using Switchyard.Storage.Rows;

namespace Switchyard.Storage.Writing;

/// <summary>
/// Rows waiting for a store that is down: JSON lines appended and fsynced, bounded in size, read
/// back in order when the store returns. A line torn by a crash mid-append is skipped on reading.
/// Only the writer's loop touches it.
/// </summary>
public sealed class SpillFile
{
    private readonly long maxBytes;

    public SpillFile(string path, long maxBytes)
    {
        Path = path;
        this.maxBytes = maxBytes;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        Bytes = File.Exists(path) ? new FileInfo(path).Length : 0;
    }

    public string Path { get; }
    public long Bytes { get; private set; }
    public bool HasRows => Bytes > 0;

    /// <summary>
    /// Appends every row or none: false when they would not fit under the limit or the file cannot be
    /// written (disk full, folder removed, no permission). Never throws for an IO failure: the writer's
    /// loop must outlive its store and its spill file alike, and treats false as "spill full".
    /// </summary>
    public bool TryAppend(IReadOnlyList<RequestLogRow> rows)
    {
        var buffer = new MemoryStream();
        foreach (var row in rows)
        {
            JsonSerializer.Serialize(buffer, row, StorageJson.Default.RequestLogRow);
            buffer.WriteByte((byte)'\n');
        }
        if (Bytes + buffer.Length > maxBytes) return false;
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!); // removed while running
            using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            buffer.Position = 0;
            buffer.CopyTo(file);
            file.Flush(flushToDisk: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // a torn last line, if any, is skipped when the file is read back
        }
        Bytes += buffer.Length;
        return true;
    }

    /// <summary>The rows in the order they were spilled, in batches.</summary>
    public IEnumerable<List<RequestLogRow>> ReadBatches(int size)
    {
        if (!File.Exists(Path)) yield break;
        var batch = new List<RequestLogRow>(size);
        foreach (var line in File.ReadLines(Path, Encoding.UTF8))
        {
            if (line.Length == 0) continue;
            RequestLogRow? row;
            try { row = JsonSerializer.Deserialize(line, StorageJson.Default.RequestLogRow); }
            catch (JsonException) { continue; } // torn by a crash in the middle of an append
            if (row is null) continue;
            batch.Add(row);
            if (batch.Count == size) { yield return batch; batch = new List<RequestLogRow>(size); }
        }
        if (batch.Count > 0) yield return batch;
    }

    public void Clear()
    {
        File.Delete(Path);
        Bytes = 0;
    }
}
