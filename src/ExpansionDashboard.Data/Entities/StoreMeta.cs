namespace ExpansionDashboard.Data.Entities;

/// <summary>Small key/value facts about the store, such as the data version that invalidates metric caches.</summary>
public sealed class StoreMeta
{
    public required string Key { get; set; }

    public required string Value { get; set; }
}
