import Engine
import HTTPTypes
import Hummingbird
import Model

/// Fills in the `url` of a sample's files: `<base>/files/<key>`, where the base is
/// `PUBLIC_BASE_URL` when set (a CDN in front of the server), else the host the request came to.
struct FileLinks {
    let base: String

    init(publicBaseURL: String?, request: Request) {
        if let publicBaseURL {
            base = publicBaseURL
        } else if let host = request.head.authority, Self.isPlainHost(host) {
            let scheme = request.headers[HTTPField.Name("X-Forwarded-Proto")!] == "https" ? "https" : "http"
            base = "\(scheme)://\(host)"
        } else {
            base = ""
        }
    }

    /// A Host header is only used when it looks like one (no scheme, path or spaces).
    private static func isPlainHost(_ host: String) -> Bool {
        !host.isEmpty && host.utf8.count <= 255
            && host.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || ".-:[]_".unicodeScalars.contains($0)) }
    }

    /// The URL of a blob key.
    func url(_ key: String) -> String { "\(base)/files/\(key)" }

    /// The sample with every file's URL filled in.
    func apply(_ sample: Sample) -> Sample {
        var linked = sample
        linked.files = sample.files.map(apply)
        return linked
    }

    /// The stem with every file's URL filled in.
    func apply(_ stem: Stem) -> Stem {
        var linked = stem
        linked.files = stem.files.map(apply)
        return linked
    }

    /// The stem job with every stem's file URLs filled in.
    func apply(_ job: StemJob) -> StemJob {
        var linked = job
        linked.stems = job.stems.map(apply)
        return linked
    }

    /// The files with their URLs filled in, except paid ones (`BlobKey.isPaid`), whose link
    /// only a download hands out.
    func apply(_ files: SampleFiles) -> SampleFiles {
        func link(_ file: SampleFile?) -> SampleFile? {
            guard var file else { return nil }
            file.url = (try? BlobKey(file.key))?.isPaid == true ? nil : url(file.key)
            return file
        }
        var files = files
        files.wav = link(files.wav)
        files.mp3 = link(files.mp3)
        files.hls = link(files.hls)
        files.hlsFirstSegment = link(files.hlsFirstSegment)
        files.hlsSegments = files.hlsSegments?.compactMap { link($0) }
        files.peaks = link(files.peaks)
        files.waveform = link(files.waveform)
        return files
    }
}
