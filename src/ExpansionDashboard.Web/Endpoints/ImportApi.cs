using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Web.Auth;
using ExpansionDashboard.Web.Options;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ExpansionDashboard.Web.Endpoints;

/// <summary>POST /api/imports/{kind} for automation: the CSV as the body (text/csv) or as a multipart file.</summary>
public static class ImportApi
{
    public static IEndpointRouteBuilder MapImportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/imports");

        api.MapPost("/{kind}", ImportAsync).RequireAuthorization(Policies.ApiWrite).DisableAntiforgery();

        api.MapGet("/templates/{kind}", (string kind) =>
            ImportSchemas.TryParse(kind, out var k)
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(ImportSchemas.Template(k)), "text/csv", $"{ImportSchemas.Slug(k)}-template.csv")
                : UnknownKind(kind)).RequireAuthorization(Policies.ApiRead);

        api.MapPost("/batches/{id:long}/revert", async (long id, ImportService imports, HttpContext http, CancellationToken ct) =>
        {
            try
            {
                await imports.RevertAsync(id, http.User.Identity?.Name ?? "api", ct);
                return Results.Ok(new { batchId = id, status = "Reverted" });
            }
            catch (ImportRejectedException ex)
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Revert refused", detail: ex.Message);
            }
        }).RequireAuthorization(Policies.ApiWrite).DisableAntiforgery();

        return app;
    }

    private static async Task<IResult> ImportAsync(
        string kind, bool? dryRun, bool? skipRejected, HttpContext http, ImportService imports, IOptions<DashboardOptions> options, CancellationToken ct)
    {
        if (!ImportSchemas.TryParse(kind, out var importKind))
        {
            return UnknownKind(kind);
        }

        var limit = options.Value.Import.MaxUploadBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit + 1024 * 1024;
        }

        UploadSpool spool;
        var fileName = $"{ImportSchemas.Slug(importKind)}.csv";
        try
        {
            if (http.Request.HasFormContentType)
            {
                var form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit + 1024 * 1024 }, ct);
                var file = form.Files.Count > 0 ? form.Files[0] : null;
                if (file is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No file", detail: "The multipart request has no file part.");
                }

                fileName = file.FileName;
                await using var source = file.OpenReadStream();
                spool = await UploadSpool.CopyAsync(source, limit, ct);
            }
            else
            {
                spool = await UploadSpool.CopyAsync(http.Request.Body, limit, ct);
            }
        }
        catch (Exception ex) when (ex is UploadTooLargeException or BadHttpRequestException or InvalidDataException)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large",
                detail: ex is UploadTooLargeException ? ex.Message : $"The upload exceeds the limit of {options.Value.Import.MaxUploadMegabytes} MB (Dashboard:Import:MaxUploadMegabytes).");
        }

        // Column mapping: map.<canonical>=<file header> in the query wins; else the mapping last saved in the form.
        var mapping = http.Request.Query.Where(q => q.Key.StartsWith("map.", StringComparison.OrdinalIgnoreCase) && q.Key.Length > 4)
            .ToDictionary(q => q.Key[4..], q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        IReadOnlyDictionary<string, string>? effective = mapping.Count > 0 ? mapping : null;

        await using (spool)
        {
            if (effective is null)
            {
                if (ImportService.MissingColumns(importKind, spool.Stream).Count > 0 && await imports.LastMappingAsync(importKind, ct) is { } saved)
                {
                    effective = saved;
                }
            }

            if (dryRun == true)
            {
                var preview = await imports.PreviewAsync(importKind, spool.Stream, fileName, effective, ct);
                return Results.Ok(new { dryRun = true, preview });
            }

            try
            {
                var outcome = await imports.CommitAsync(importKind, spool.Stream, fileName, http.User.Identity?.Name ?? "api", skipRejected == true, effective, null, ct);
                return Results.Ok(new
                {
                    batchId = outcome.BatchId,
                    kind = outcome.Kind,
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
                return Results.Json(new
                {
                    title = "Import refused; nothing was written",
                    detail = ex.Message,
                    errors = ex.Preview?.Errors ?? [],
                    errorCount = ex.Preview?.ErrorCount ?? 0,
                    preview = ex.Preview,
                }, statusCode: StatusCodes.Status400BadRequest);
            }
        }
    }

    private static IResult UnknownKind(string kind) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown import kind",
        detail: $"'{kind}' is not an import kind. Use one of: {string.Join(", ", Enum.GetValues<ImportKind>().Select(ImportSchemas.Slug))}.");
}
