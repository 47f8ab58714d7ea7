using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.Import.Kinds;
using ExpansionDashboard.Data.Import.Mapping;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace ExpansionDashboard.Web.Api;

/// <summary>
/// POST /api/imports/{kind} for automation: the CSV as the body (text/csv) or as a multipart file; GET /api/imports/activity
/// for the imports under way. Columns are mapped
/// with <c>map.&lt;column&gt;=&lt;file header&gt;</c> and given constant values with <c>const.&lt;column&gt;=&lt;value&gt;</c>.
/// Every refusal is problem+json; the work stops when the client goes away (the request's abort token).
/// </summary>
public static class ImportApi
{
    /// <summary>
    /// Bodies taken as the file itself. A JSON body is not a file. text/plain is taken only from an API key: a browser
    /// may send it cross-site without a preflight, but scripts (curl, PowerShell) send it by default.
    /// </summary>
    private static readonly string[] FileContentTypes = ["text/csv", "application/octet-stream", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"];

    public static IEndpointRouteBuilder MapImportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/imports");

        api.MapPost("/{kind}", ImportAsync).RequireAuthorization(Policies.ApiWrite).DisableAntiforgery();

        api.MapGet("/templates/{kind}", (string kind) =>
            ImportKinds.Find(kind) is { } k
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(k.Template), "text/csv", $"{k.Slug}-template.csv")
                : UnknownKind(kind)).RequireAuthorization(Policies.ApiRead);

        // Who imports what right now, how far it is, and who waits behind whom: admins only, as it names users and files.
        api.MapGet("/activity", (ImportActivity activity) => Results.Ok(activity.Snapshot())).RequireAuthorization(Policies.ApiWrite);

        api.MapPost("/batches/{id:long}/revert", async (long id, ImportService imports, HttpContext http, CancellationToken ct) =>
        {
            try
            {
                await imports.RevertAsync(id, http.User.Identity?.Name ?? "api", ct);
                return Results.Ok(new { batchId = id, status = nameof(ImportBatchStatus.Reverted) });
            }
            catch (ImportRejectedException ex)
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Revert refused", detail: ex.Message);
            }
        }).RequireAuthorization(Policies.ApiWrite).DisableAntiforgery();

        return app;
    }

    private static async Task<IResult> ImportAsync(
        string kind, bool? dryRun, bool? skipRejected, HttpContext http, ImportService imports, IOptions<DashboardOptions> options, ILoggerFactory loggers, CancellationToken ct)
    {
        if (ImportKinds.Find(kind) is not { } definition)
        {
            return UnknownKind(kind);
        }

        var importKind = definition.Kind;

        var limit = options.Value.Import.MaxUploadBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit + 1024 * 1024;
        }

        UploadSpool spool;
        var fileName = $"{definition.Slug}.csv";
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var media) || media.MediaType.Value is not { } mediaType)
        {
            return UnsupportedType(http.Request.ContentType);
        }

        var multipart = mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
        var plainFromKey = mediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase) &&
            string.Equals(http.User.Identity?.AuthenticationType, ApiKeyAuthenticationHandler.SchemeName, StringComparison.Ordinal);
        if (!multipart && !plainFromKey && !FileContentTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return UnsupportedType(mediaType);
        }

        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        if (multipart && string.IsNullOrWhiteSpace(boundary))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed multipart request",
                detail: "The Content-Type multipart/form-data has no boundary parameter, so the parts cannot be found. Let the HTTP client set the header (e.g. curl -F file=@mrr.csv).");
        }

        var received = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            if (multipart)
            {
                if (await SpoolFirstFileAsync(http.Request.Body, boundary!, limit, ct) is not { } part)
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No file", detail: "The multipart request has no file part.");
                }

                (spool, fileName) = (part.Spool, part.FileName ?? fileName);
            }
            else
            {
                spool = await UploadSpool.CopyAsync(http.Request.Body, limit, ct);
            }
        }
        catch (Exception ex) when (ex is UploadTooLargeException || (ex is BadHttpRequestException bad && bad.StatusCode == StatusCodes.Status413PayloadTooLarge))
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large",
                detail: ex is UploadTooLargeException ? ex.Message : $"The upload exceeds the limit of {options.Value.Import.MaxUploadMegabytes} MB (Dashboard:Import:MaxUploadMegabytes).");
        }
        catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException || (ex is IOException && !ct.IsCancellationRequested))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed request body", detail: $"The request body cannot be read: {ex.Message}");
        }

        // Beside the import's own timings: how long the upload itself took to arrive and be spooled.
        loggers.CreateLogger(typeof(ImportApi)).LogInformation("Upload received: {Megabytes:N1} MB in {Ms:N0} ms.",
            spool.Stream.Length / 1024.0 / 1024.0, System.Diagnostics.Stopwatch.GetElapsedTime(received).TotalMilliseconds);

        // Column mapping: map.<canonical>=<file header> and const.<canonical>=<value> in the query win; else the mapping
        // last saved in the form; else a recognised export's preset (Stripe, Chargebee, HubSpot, Salesforce).
        var explicitMapping = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in http.Request.Query)
        {
            if (key.StartsWith("map.", StringComparison.OrdinalIgnoreCase) && key.Length > 4)
            {
                explicitMapping[key[4..]] = value.ToString();
            }
            else if (key.StartsWith(ColumnMapping.ConstantPrefix, StringComparison.OrdinalIgnoreCase) && key.Length > ColumnMapping.ConstantPrefix.Length)
            {
                explicitMapping[ColumnMapping.ConstantPrefix + key[ColumnMapping.ConstantPrefix.Length..]] = value.ToString();
            }
        }

        var problems = ColumnMapping.Parse(explicitMapping).Problems(importKind);
        if (problems.Count > 0)
        {
            await spool.DisposeAsync();
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid column mapping", detail: string.Join(" ", problems),
                extensions: new Dictionary<string, object?> { ["problems"] = problems });
        }

        IReadOnlyDictionary<string, string>? effective = explicitMapping.Count > 0 ? explicitMapping : null;
        string? preset = null;

        await using (spool)
        {
            if (ImportService.MissingColumns(importKind, spool.Stream, effective).Count > 0)
            {
                if (await imports.LastMappingAsync(importKind, ct) is { } saved && ImportService.MissingColumns(importKind, spool.Stream, Merge(saved, explicitMapping)).Count == 0)
                {
                    effective = Merge(saved, explicitMapping);
                }
                else if (ImportPresets.Recognise(FileProfile.Read(spool.Stream, imports.Limits, ct).Headers) is { } recognised && recognised.Preset.Kind == importKind)
                {
                    effective = Merge(recognised.Mapping.ToFlat(), explicitMapping);
                    preset = recognised.Preset.Name;
                }
                else if (effective is null && await imports.LastMappingAsync(importKind, ct) is { } fallback)
                {
                    // Nothing fits: the saved mapping is tried so its errors name what is still missing.
                    effective = fallback;
                }
            }

            if (dryRun == true)
            {
                var preview = await imports.PreviewAsync(importKind, spool.Stream, fileName, effective, ct);
                return Results.Ok(new { dryRun = true, preset, constants = ColumnMapping.Parse(effective).Constants, preview });
            }

            try
            {
                var outcome = await imports.CommitAsync(ImportSource.Api, importKind, spool.Stream, fileName, http.User.Identity?.Name ?? "api", skipRejected == true, effective, null, ct);
                return Results.Ok(new
                {
                    batchId = outcome.BatchId,
                    kind = outcome.Kind,
                    preset,
                    constants = ColumnMapping.Parse(effective).Constants,
                    rowsRead = outcome.RowsRead,
                    inserted = outcome.Inserted,
                    updated = outcome.Updated,
                    unchanged = outcome.Unchanged,
                    rejected = outcome.Rejected,
                    newAccounts = outcome.NewAccounts,
                    warnings = outcome.Preview.Warnings,
                    rejectedRows = outcome.Preview.Errors,
                });
            }
            catch (ImportRejectedException ex)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Import refused; nothing was written", detail: ex.Message,
                    extensions: new Dictionary<string, object?>
                    {
                        ["errors"] = ex.Preview?.Errors ?? [],
                        ["errorCount"] = ex.Preview?.ErrorCount ?? 0,
                        ["preview"] = ex.Preview,
                    });
            }
        }
    }

    /// <summary>A saved or preset mapping with the request's own choices on top (a constant replaces a header and back).</summary>
    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> under, IReadOnlyDictionary<string, string> over)
    {
        var merged = new Dictionary<string, string>(under, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in over)
        {
            var column = key.StartsWith(ColumnMapping.ConstantPrefix, StringComparison.OrdinalIgnoreCase) ? key[ColumnMapping.ConstantPrefix.Length..] : key;
            merged.Remove(column);
            merged.Remove(ColumnMapping.ConstantPrefix + column);
            merged[key] = value;
        }

        return merged;
    }

    /// <summary>
    /// Spools the first file part of a multipart body straight into the app's spool folder (not the framework's form buffer),
    /// skipping other fields; null when there is no file part.
    /// </summary>
    private static async Task<(UploadSpool Spool, string? FileName)?> SpoolFirstFileAsync(Stream body, string boundary, long limit, CancellationToken ct)
    {
        // No per-part limit here: the spool counts the bytes and answers 413 with the setting's name.
        var reader = new MultipartReader(boundary, body) { BodyLengthLimit = null };
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
            {
                var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                return (await UploadSpool.CopyAsync(section.Body, limit, ct), string.IsNullOrWhiteSpace(name) ? null : Path.GetFileName(name));
            }
        }

        return null;
    }

    private static IResult UnsupportedType(string? contentType) => Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type",
        detail: $"The body's Content-Type is {(string.IsNullOrWhiteSpace(contentType) ? "missing" : $"'{contentType}'")}. Send the file as text/csv, application/octet-stream, " +
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet (.xlsx) or as a multipart/form-data file part.");

    private static IResult UnknownKind(string kind) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown import kind",
        detail: $"'{kind}' is not an import kind. Use one of: {string.Join(", ", ImportKinds.All.Select(k => k.Slug))}.");
}
