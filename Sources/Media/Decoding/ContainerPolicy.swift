/// Which libavformat demuxers may open an input.
///
/// Every demuxer listed reads one file and nothing else. Playlists and reference formats
/// (HLS, DASH, concat lists, image sequences, SDP/RTP, …) are never listed: they make
/// libavformat open other files or URLs named inside the input, which lets a downloaded file
/// read the server's own files. Such an input is refused with `media.unsupported_container`.
public struct ContainerPolicy: Sendable, Equatable {
    /// Demuxer names (one name of libavformat's comma-separated list is enough to match).
    public let demuxers: Set<String>

    /// Creates a policy allowing `demuxers`.
    public init(demuxers: Set<String>) {
        self.demuxers = demuxers
    }

    /// Media that came from elsewhere (a downloaded URL, yt-dlp, a stem provider): the
    /// containers those sources deliver, MP4/MOV/M4A, WebM/Matroska, MP3, WAV, FLAC, Ogg, AAC.
    public static let downloaded = ContainerPolicy(demuxers: [
        "mov", "mp4", "m4a", "matroska", "webm", "mp3", "wav", "flac", "ogg", "aac",
    ])

    /// Files from the user's own disk: the downloaded set and more single-file audio and video
    /// containers (AIFF, CAF, Wave64, MPEG-TS/PS, FLV, AVI, ASF/WMA, AC-3, AMR, WavPack, APE, AU).
    public static let local = ContainerPolicy(demuxers: downloaded.demuxers.union([
        "aiff", "caf", "w64", "mpegts", "mpeg", "flv", "avi", "asf", "ac3", "eac3", "amr", "wv", "ape", "au",
    ]))

    /// Whether the demuxer called `name` (libavformat's comma-separated list, e.g.
    /// `mov,mp4,m4a,3gp,3g2,mj2`) may open an input.
    public func allows(_ name: String) -> Bool {
        name.split(separator: ",").contains { demuxers.contains(String($0)) }
    }

    /// The names as libavformat's `format_whitelist` option takes them.
    var whitelist: String { demuxers.sorted().joined(separator: ",") }
}
