using Khidma.Web.Areas.Mail.Domain;
using Khidma.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Khidma.Web.Areas.Portal.Domain;

/// <summary>
/// Files customers send from the web form and the portal: the mail channel's limits (size per file, blocked
/// types, whole message size) and its content-addressed storage on disk, listed in <c>portal_attachments</c>.
/// </summary>
public sealed class PortalFiles(AppDbContext db, MailFiles files, IOptions<MailOptions> mail, IOptions<PortalOptions> portal)
{
    /// <summary>The timeline entry's data when files came with it (web form or portal); "portal" without files.</summary>
    public const string Marker = "portal:files";
    public const string PlainMarker = "portal";

    public sealed record Upload(string FileName, string ContentType, byte[] Content);

    /// <summary>A refused file: a resource key with {0} = file name and {1} = a limit in MB.</summary>
    public sealed record Problem(string Key, string FileName, int LimitMb = 0);

    public int MaxFileMb => Math.Max(1, mail.Value.MaxAttachmentBytes / (1024 * 1024));

    public async Task<(List<Upload> Files, List<Problem> Problems)> ReadAsync(IEnumerable<IFormFile>? posted, CancellationToken ct)
    {
        var result = new List<Upload>();
        var problems = new List<Problem>();
        var list = (posted ?? []).Where(f => f is not null && (f.Length > 0 || !string.IsNullOrEmpty(f.FileName))).ToList();
        if (list.Count > portal.Value.MaxFiles)
        {
            problems.Add(new Problem("Attach at most {0} files.", portal.Value.MaxFiles.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return (result, problems);
        }
        long total = 0;
        foreach (var file in list)
        {
            var name = CleanName(file.FileName);
            if (file.Length == 0)
            {
                problems.Add(new Problem("The file {0} is empty.", name));
                continue;
            }
            var contentType = string.IsNullOrWhiteSpace(file.ContentType) ? "application/octet-stream" : file.ContentType.Trim();
            var refusal = MailIngest.AttachmentRefusal(name, contentType, file.Length, mail.Value.MaxAttachmentBytes);
            if (refusal == "blocked type")
            {
                problems.Add(new Problem("We do not accept files of the type of {0}.", name));
                continue;
            }
            if (refusal is not null)
            {
                problems.Add(new Problem("The file {0} is larger than {1} MB.", name, MaxFileMb));
                continue;
            }
            total += file.Length;
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            result.Add(new Upload(name, Clip(contentType, 127), buffer.ToArray()));
        }
        if (total > mail.Value.MaxMessageBytes)
            problems.Add(new Problem("The files together are larger than {1} MB.", "", Math.Max(1, mail.Value.MaxMessageBytes / (1024 * 1024))));
        return (result, problems);
    }

    /// <summary>Writes the files (once per content) and adds their rows; the caller saves.</summary>
    public async Task AttachAsync(IEnumerable<Upload> uploads, long interactionId, long entryId, DateTime now, CancellationToken ct)
    {
        foreach (var u in uploads)
        {
            var sha = MailFiles.Sha256Hex(u.Content);
            await files.WriteOnceAsync(MailFiles.AttachmentRelative(sha), u.Content, ct);
            db.Set<PortalAttachment>().Add(new PortalAttachment
            {
                InteractionId = interactionId,
                TimelineEntryId = entryId,
                FileName = Clip(u.FileName, 255),
                ContentType = u.ContentType,
                Size = u.Content.LongLength,
                Sha256 = sha,
                CreatedAt = now,
            });
        }
    }

    public string FullPath(string sha) => files.Full(MailFiles.AttachmentRelative(sha));

    public static async Task<ILookup<long, FileRow>> ForEntriesAsync(AppDbContext db, IReadOnlyCollection<long> entryIds, CancellationToken ct)
    {
        if (entryIds.Count == 0) return Array.Empty<FileRow>().ToLookup(f => f.EntryId);
        var rows = await db.Set<PortalAttachment>().AsNoTracking()
            .Where(a => entryIds.Contains(a.TimelineEntryId))
            .OrderBy(a => a.Id)
            .Select(a => new FileRow(a.Id, a.TimelineEntryId, a.FileName, a.Size))
            .ToListAsync(ct);
        return rows.ToLookup(r => r.EntryId);
    }

    public sealed record FileRow(long Id, long EntryId, string FileName, long Size);

    private static string CleanName(string? fileName)
    {
        var name = string.IsNullOrWhiteSpace(fileName) ? "attachment" : Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        return name.Length == 0 ? "attachment" : name;
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
