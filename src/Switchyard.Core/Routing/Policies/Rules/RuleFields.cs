using Switchyard.Core.Catalog;
using Switchyard.Core.Routing.Pii;

namespace Switchyard.Core.Routing.Policies.Rules;

/// <summary>What one rule evaluation reads: the request's context and the tokenizer prompt_tokens counts with.</summary>
internal readonly struct RuleInput(RoutingContext context, string tokenizer)
{
    public RoutingContext Context { get; } = context;
    public string Tokenizer { get; } = tokenizer;
}

/// <summary>The shape of a field's value, which decides the operators it accepts.</summary>
internal enum RuleFieldKind
{
    /// <summary>A string that may be missing (metadata, headers, user, key tier, model).</summary>
    String,
    /// <summary>The classifier's task class name; compared against validated class names.</summary>
    Task,
    /// <summary>The prompt text (system prompt and last user message): only $regex, $contains, $exists.</summary>
    Prompt,
    Number,
    Bool,
}

/// <summary>A request attribute a rule condition can look at. Fields are built once at config load.</summary>
internal abstract class RuleField(string name, RuleFieldKind kind)
{
    public string Name { get; } = name;
    public RuleFieldKind Kind { get; } = kind;
    /// <summary>Whether the field reads the classifier's output (so the classification may run).</summary>
    public bool UsesTask => Name is "task" or "confidence";
    public abstract bool Exists(in RuleInput input);
}

internal sealed class StringField(string name, Func<RuleInput, string?> read, RuleFieldKind kind = RuleFieldKind.String) : RuleField(name, kind)
{
    public string? Value(in RuleInput input) => read(input);
    public override bool Exists(in RuleInput input) => read(input) is not null;
}

internal sealed class NumberField(string name, Func<RuleInput, double> read) : RuleField(name, RuleFieldKind.Number)
{
    public double Value(in RuleInput input) => read(input);
    public override bool Exists(in RuleInput input) => true;
}

internal sealed class BoolField(string name, Func<RuleInput, bool> read) : RuleField(name, RuleFieldKind.Bool)
{
    public bool Value(in RuleInput input) => read(input);
    public override bool Exists(in RuleInput input) => true;
}

/// <summary>The prompt text: the system prompt and the last user message, searched one after the other (never concatenated).</summary>
internal sealed class PromptField() : RuleField("text", RuleFieldKind.Prompt)
{
    public static string System(in RuleInput input) => input.Context.SystemText;
    public static string User(in RuleInput input) => input.Context.PromptText;
    public override bool Exists(in RuleInput input) => System(input).Length > 0 || User(input).Length > 0;
}

internal static class RuleFields
{
    public const string MetadataPrefix = "metadata.";
    public const string HeaderPrefix = "header.";

    public static readonly string Known =
        "task, confidence, prompt_tokens, text, metadata.<key>, header.<name>, user, key_tier, model, has_tools, has_images, stream, pii";

    private static readonly StringField Task = new("task", static i => i.Context.Task.Task.Name(), RuleFieldKind.Task);
    private static readonly NumberField Confidence = new("confidence", static i => i.Context.Task.Confidence);
    private static readonly NumberField PromptTokens = new("prompt_tokens", static i => i.Context.Costs.PromptTokens(i.Tokenizer));
    private static readonly PromptField Text = new();
    private static readonly StringField User = new("user", static i => i.Context.Request.User);
    private static readonly StringField KeyTier = new("key_tier", static i => i.Context.Key.Tier);
    private static readonly StringField Model = new("model", static i => i.Context.Request.Model);
    private static readonly BoolField HasTools = new("has_tools", static i => i.Context.Request.Tools is { Count: > 0 });
    private static readonly BoolField HasImages = new("has_images", static i => HasImage(i.Context));
    private static readonly BoolField Stream = new("stream", static i => i.Context.Request.IsStreaming);
    private static readonly BoolField Pii = new("pii", static i => i.Context.Pii != PiiKind.None);

    /// <summary>The field a condition key names, or null when there is none.</summary>
    public static RuleField? Parse(string key)
    {
        switch (key)
        {
            case "task": return Task;
            case "confidence": return Confidence;
            case "prompt_tokens": return PromptTokens;
            case "text": return Text;
            case "user": return User;
            case "key_tier": return KeyTier;
            case "model": return Model;
            case "has_tools": return HasTools;
            case "has_images": return HasImages;
            case "stream": return Stream;
            case "pii": return Pii;
        }
        if (key.StartsWith(MetadataPrefix, StringComparison.Ordinal) && key.Length > MetadataPrefix.Length)
        {
            var name = key[MetadataPrefix.Length..];
            return new StringField(key, i => i.Context.Request.Metadata is { } m && m.TryGetValue(name, out var v) ? v : null);
        }
        if (key.StartsWith(HeaderPrefix, StringComparison.Ordinal) && key.Length > HeaderPrefix.Length)
        {
            var name = key[HeaderPrefix.Length..];
            return new StringField(key, i => i.Context.Header(name));
        }
        return null;
    }

    private static bool HasImage(RoutingContext context)
    {
        if (context.Request.Messages is not { } messages) return false;
        foreach (var message in messages)
            if (message.Content?.Parts is { } parts)
                foreach (var part in parts)
                    if (part.Type == "image_url") return true;
        return false;
    }
}
