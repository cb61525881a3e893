import Foundation

/// Finds data references of an MP4/QuickTime file that point outside it.
///
/// A track may keep its samples in another file, named in its `dref` box
/// (`moov/trak/mdia/minf/dinf/dref`): an entry without the self-contained flag (1). libavformat
/// leaves such tracks unread unless told otherwise, but SampleTok refuses the file outright, so
/// that its owner gets a clear error rather than a silent gap.
enum MP4DataReferences {
    /// The largest `moov` box read (a 15-minute clip's is a few MiB).
    static let maxMovieHeader = 64 << 20

    /// What the first reference to another file names ("another file" when it names nothing
    /// readable), or nil when every track is in the file itself.
    static func external(in path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let end = try? handle.seekToEnd() else { return nil }
        var offset = 0
        while offset + 8 <= Int(end) {
            guard (try? handle.seek(toOffset: UInt64(offset))) != nil,
                  let head = try? handle.read(upToCount: 16), head.count >= 8,
                  let (size, header) = box(in: ArraySlice(head), at: 0, end: Int(end) - offset)
            else { return nil }
            if fourCC(ArraySlice(head), at: 4) == "moov" {
                guard size - header <= maxMovieHeader else { return "a movie header too large to check" }
                guard (try? handle.seek(toOffset: UInt64(offset + header))) != nil,
                      let body = try? handle.read(upToCount: size - header)
                else { return nil }
                return external(in: ArraySlice([UInt8](body)))
            }
            offset += size
        }
        return nil
    }

    private static let containers: Set<String> = ["moov", "trak", "mdia", "minf", "dinf"]

    private static func external(in bytes: ArraySlice<UInt8>) -> String? {
        var i = bytes.startIndex
        while i + 8 <= bytes.endIndex {
            guard let (size, header) = box(in: bytes, at: i, end: bytes.endIndex - i) else { return nil }
            let body = bytes[(i + header)..<(i + size)]
            let type = fourCC(bytes, at: i + 4)
            if type == "dref", let found = externalEntry(inReferences: body) { return found }
            if containers.contains(type), let found = external(in: body) { return found }
            i += size
        }
        return nil
    }

    /// The entries of a `dref` box: version and flags, a count, then boxes whose flags say
    /// whether they are self-contained; the others name their file (`url `, `urn `) or hold an
    /// alias record (`alis`).
    private static func externalEntry(inReferences body: ArraySlice<UInt8>) -> String? {
        var i = body.startIndex + 8
        while i + 12 <= body.endIndex {
            guard let (size, header) = box(in: body, at: i, end: body.endIndex - i), size >= header + 4 else { return nil }
            let flags = Int(body[i + header + 1]) << 16 | Int(body[i + header + 2]) << 8 | Int(body[i + header + 3])
            if flags & 1 == 0 {
                let location = body[(i + header + 4)..<(i + size)].prefix { $0 != 0 }
                let text = String(decoding: location, as: UTF8.self)
                return fourCC(body, at: i + 4) != "alis" && !text.isEmpty ? text : "another file"
            }
            i += size
        }
        return nil
    }

    /// The size and header length of the box at `i`, or nil when it does not fit in `end` bytes.
    private static func box(in bytes: ArraySlice<UInt8>, at i: Int, end: Int) -> (size: Int, header: Int)? {
        guard end >= 8 else { return nil }
        var size = bytes[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) }
        var header = 8
        if size == 1 {
            guard end >= 16, i + 16 <= bytes.endIndex else { return nil }
            size = bytes[(i + 8)..<(i + 16)].reduce(0) { $0 &<< 8 | Int($1) }
            header = 16
        } else if size == 0 {
            size = end
        }
        guard size >= header, size <= end else { return nil }
        return (size, header)
    }

    private static func fourCC(_ bytes: ArraySlice<UInt8>, at i: Int) -> String {
        String(decoding: bytes[i..<(i + 4)], as: UTF8.self)
    }
}
