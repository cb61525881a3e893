import Engine
import HTTPTypes
import Hummingbird
import Model

/// Fills in the `url` of a sample's files: `<base>/files/<key>`, where the base is
/// `PUBLIC_BASE_URL` when set (a CDN in front of the server), else the host the request came to.
/// A bucket with a public base (`S3_PUBLIC_BASE_URL`, `R2_PUBLIC_DOMAIN`) is linked to directly;
/// a private bucket through `/files/`, which redirects to presigned URLs (so that an HLS
/// playlist's relative segment URIs work too).
struct FileLinks: Sendable {
    let base: String
    let store: (any BlobStore)?

    init(publicBaseURL: String?, request: Request, store: (any BlobStore)? = nil) {
        self.store = store
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

    /// The URL of a free file: the bucket's public one when there is one, else `url`.
    func freeURL(_ key: String) -> String {
        (try? BlobKey(key)).flatMap { store?.publicURL(for: $0) } ?? url(key)
    }

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
            file.url = (try? BlobKey(file.key))?.isPaid == true ? nil : freeURL(file.key)
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
