#pragma once

// The contract between sohoa-render (this folder) and the job that runs it
// (app/workflows/PdfPreviewJob): one header, so that the two sides cannot drift apart. Plain
// constants only: the helper links nothing of ours.
//
// On success sohoa-render writes to stdout one line of JSON (the header, keys below) ending in '\n',
// then exactly height * bytesPerLine bytes of pixels in the QImage format the header names (raw
// pixels: a 300 dpi A4 page is 35 MB through a pipe in tens of milliseconds, where even fast PNG
// compression costs hundreds). On failure it writes one line of JSON to stderr,
// {"error": "<kError...>", "detail": "...", "pageCount": N (when known)}, and exits with a status
// below. Poppler's own messages are silenced, so that line is the last one.

namespace sohoa::render {

enum ExitStatus : int
{
    ExitOk = 0,
    ExitUsage = 2,          // a bad argument: a bug in the caller
    ExitCannotOpen = 3,     // Poppler cannot open the file: damaged or not a PDF
    ExitNeedsPassword = 4,  // encrypted, and no (or a wrong) password was given
    ExitPageOutOfRange = 5, // no such page
    ExitTooLarge = 6,       // the render would exceed the size cap or the memory limit
    ExitRenderFailed = 7,   // the file opened but the page did not render
    ExitOutOfMemory = 8,    // an allocation failed under the memory limit (RLIMIT_AS)
    ExitUnreadable = 9,     // the file cannot be read (missing, a folder, no permission)
};

// Header keys (success, stdout).
inline constexpr char kKeyPageCount[] = "pageCount";
inline constexpr char kKeyPage[] = "page";
inline constexpr char kKeyWidthPt[] = "widthPt"; // page size in points, as shown (after /Rotate)
inline constexpr char kKeyHeightPt[] = "heightPt";
inline constexpr char kKeyRotation[] = "rotation"; // the page's own /Rotate, degrees clockwise
inline constexpr char kKeyDpi[] = "dpi";
inline constexpr char kKeyWidth[] = "width"; // pixels
inline constexpr char kKeyHeight[] = "height";
inline constexpr char kKeyBytesPerLine[] = "bytesPerLine";
inline constexpr char kKeyFormat[] = "format"; // "ARGB32", "ARGB32_Premultiplied" or "RGB32"
inline constexpr char kKeyRenderMs[] = "renderMs";

// Error line keys (failure, stderr).
inline constexpr char kKeyError[] = "error";
inline constexpr char kKeyDetail[] = "detail";

// Defaults the helper applies to itself when not told otherwise.
inline constexpr int kDefaultMemoryLimitMb = 1536;
inline constexpr int kDefaultCpuSeconds = 30;
inline constexpr int kDefaultDpi = 96;
// The largest render accepted: 40 megapixels is an A4 page at 450 dpi, more than any preview needs.
inline constexpr long long kMaxPixels = 40LL * 1000 * 1000;
// What the process needs besides the page's pixels (Qt, Poppler, fonts, the document), for the
// up-front estimate against the memory limit.
inline constexpr long long kBaseMemoryMb = 96;
// Pixels are held twice while rendering: Poppler's Splash bitmap and the QImage copied from it.
inline constexpr int kBytesPerPixelWhileRendering = 8;

} // namespace sohoa::render
