using System.Runtime.InteropServices;
using SQLitePCL;

namespace ExpansionDashboard.Data.Sqlite;

/// <summary>
/// The few SQLite calls a million-row loop makes per row (step, reset, read a column, bind a value), called on the
/// statement's plain pointer in the same e_sqlite3 library SQLitePCL loaded. Through SQLitePCL each call marshals the
/// statement's SafeHandle (a reference count taken and released) behind an interface: reading a million revenue lines
/// spent more time in those calls than SQLite spent reading. Preparing, finalising and errors stay with SQLitePCL,
/// which owns the statement's lifetime; a pointer is only used while its SafeHandle is alive.
/// </summary>
internal static unsafe partial class SqliteNative
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLITE_TRANSIENT: SQLite copies the bound bytes before the call returns.</summary>
    private static readonly nint Transient = -1;

    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [UnmanagedCallConv(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    public static partial int Step(nint stmt);

    [LibraryImport(Library, EntryPoint = "sqlite3_reset")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [UnmanagedCallConv(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    public static partial int Reset(nint stmt);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_type")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [UnmanagedCallConv(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    public static partial int ColumnType(nint stmt, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [UnmanagedCallConv(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    public static partial int ColumnInt(nint stmt, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int64")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [UnmanagedCallConv(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    public static partial long ColumnInt64(nint stmt, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_double")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [UnmanagedCallConv(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    public static partial double ColumnDouble(nint stmt, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_blob")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [UnmanagedCallConv(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    private static partial byte* ColumnBlob(nint stmt, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_bytes")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [UnmanagedCallConv(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    private static partial int ColumnBytes(nint stmt, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_null")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [UnmanagedCallConv(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    public static partial int BindNull(nint stmt, int index);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_int64")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [UnmanagedCallConv(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    public static partial int BindInt64(nint stmt, int index, long value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_double")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [UnmanagedCallConv(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    public static partial int BindDouble(nint stmt, int index, double value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_text")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [UnmanagedCallConv(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    private static partial int BindText(nint stmt, int index, byte* text, int length, nint destructor);

    /// <summary>The statement's pointer, for these calls while <paramref name="stmt"/> is alive.</summary>
    public static nint Handle(sqlite3_stmt stmt) => stmt.DangerousGetHandle();

    /// <summary>A column's bytes (a text's UTF-8, without conversion), valid until the next step or reset.</summary>
    public static ReadOnlySpan<byte> Column(nint stmt, int column)
    {
        // The order SQLite documents: the pointer first, then its length.
        var p = ColumnBlob(stmt, column);
        return p is null ? [] : new ReadOnlySpan<byte>(p, ColumnBytes(stmt, column));
    }

    /// <summary>Binds UTF-8 text, copied by SQLite.</summary>
    public static int BindUtf8(nint stmt, int index, ReadOnlySpan<byte> utf8)
    {
        fixed (byte* p = utf8)
        {
            // A null pointer would bind NULL: an empty text needs a valid one.
            byte empty = 0;
            return BindText(stmt, index, p is null ? &empty : p, utf8.Length, Transient);
        }
    }
}
