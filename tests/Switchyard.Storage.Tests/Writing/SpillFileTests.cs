using Switchyard.Storage.Writing;
using static Switchyard.Storage.Tests.Support.TestRows;

namespace Switchyard.Storage.Tests.Writing;

/// <summary>The spill file survives its folder going away and reports an unwritable disk as "full" instead of throwing.</summary>
public sealed class SpillFileTests
{
    [Fact]
    public void A_folder_removed_while_running_is_created_again()
    {
        var dir = Directory.CreateTempSubdirectory("sy-spill-").FullName;
        var spill = new SpillFile(Path.Combine(dir, "spill", "request-log.jsonl"), 1 << 20);
        Directory.Delete(dir, recursive: true);
        Assert.True(spill.TryAppend([Row("a"), Row("b")]));
        Assert.Equal(["a", "b"], spill.ReadBatches(10).SelectMany(b => b).Select(r => r.Id));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void An_unwritable_path_answers_false_and_counts_nothing()
    {
        var dir = Directory.CreateTempSubdirectory("sy-spill-").FullName;
        var spill = new SpillFile(Path.Combine(dir, "spill", "request-log.jsonl"), 1 << 20);
        Directory.Delete(Path.Combine(dir, "spill"));
        File.WriteAllText(Path.Combine(dir, "spill"), "a file where the folder was"); // root may write anywhere: block with a file
        Assert.False(spill.TryAppend([Row("a")]));
        Assert.False(spill.HasRows);
        Directory.Delete(dir, recursive: true);
    }
}
