using ExpansionDashboard.Data.Import;

namespace ExpansionDashboard.Data.Tests.Import;

[Trait(Lanes.Category, Lanes.Unit)]
public sealed class CsvGuardTests
{
    private static string ReadAll(string text, int maxColumns = 5, int maxLineLength = 40)
    {
        using var guard = new CsvGuard(new StringReader(text), ',', maxColumns, maxLineLength);
        return guard.ReadToEnd();
    }

    [Fact]
    public void Read_StrayQuoteInsideUnquotedField_DoesNotSwallowLaterLines()
    {
        var text = "a,b\n5\" screen,x\n" + string.Concat(Enumerable.Repeat("plain,line,of,text\n", 100));

        Assert.Equal(text, ReadAll(text));
    }

    [Fact]
    public void Read_CarriageReturnLineEndsAndEscapedQuotes_CountedAsLines()
    {
        var text = string.Concat(Enumerable.Repeat("\"say \"\"hi\"\", twice\",b\r", 50)) + string.Concat(Enumerable.Repeat("c,d\r\n", 50));

        Assert.Equal(text, ReadAll(text));
    }

    [Fact]
    public void Read_TooManyFields_StopsAtThatLineAfterTheLinesBefore()
    {
        using var guard = new CsvGuard(new StringReader("h1,h2\nok,1\nx,x,x,x,x,x,x\n"), ',', maxColumns: 5, maxLineLength: 1_000);
        var buffer = new char[1024];

        var first = guard.Read(buffer, 0, buffer.Length);
        var ex = Assert.Throws<CsvLimitException>(() => guard.Read(buffer, 0, buffer.Length));

        Assert.Equal("h1,h2\nok,1\nx,x,x,x,x", new string(buffer, 0, first));
        Assert.Equal(3, ex.Line);
        Assert.Contains("more than 5 fields", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_QuotedDelimiters_AreNotFields()
    {
        var text = "\"a,b,c,d,e,f,g\",h\n";

        Assert.Equal(text, ReadAll(text, maxColumns: 2));
    }

    [Fact]
    public void Read_LineLongerThanLimit_Throws()
    {
        var ex = Assert.Throws<CsvLimitException>(() => ReadAll("short\n" + new string('x', 41) + "\n"));

        Assert.Equal(2, ex.Line);
        Assert.Contains("longer than 40", ex.Reason, StringComparison.Ordinal);
    }
}
