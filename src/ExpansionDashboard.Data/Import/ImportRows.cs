namespace ExpansionDashboard.Data.Import;

/// <summary>Account attributes a revenue or opportunity row may carry to create an unknown account.</summary>
public sealed record AccountAttributesRow(string? Name, string? Segment, string? Industry, string? Region, string? Csm)
{
    /// <summary>Shared by every row that carries no attributes.</summary>
    public static AccountAttributesRow None { get; } = new(null, null, null, null, null);

    public bool IsEmpty => Name is null && Segment is null && Industry is null && Region is null && Csm is null;
}

/// <summary>A valid row of a file; each kind's class (Kinds/) declares its own row record.</summary>
public abstract record ImportRow(int Line);
