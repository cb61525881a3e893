import Foundation

/// Reads a `text/event-stream` body as it arrives: lines ending in LF, CRLF or CR; `field:
/// value` lines (one space after the colon dropped); comment lines starting with `:`; a blank
/// line ends a message. Fields other than `id`, `event` and `data` are ignored, as are
/// messages without `data`.
struct ServerSentEventParser {
    /// One message of the stream.
    struct Message: Equatable {
        /// Its `id:`, when it had one.
        var id: String?
        /// Its `event:` (`message` when it had none).
        var event: String
        /// Its `data:` lines, joined by line feeds.
        var data: String
    }

    private var pending = Data()
    private var id: String?
    private var event: String?
    private var data: [String] = []
    private var skipLineFeed = false

    /// The longest line accepted; a longer one is the server misbehaving.
    static let maxLineBytes = 1 << 20

    /// Feeds a chunk of the body; returns the messages it completed.
    mutating func feed(_ chunk: Data) throws(ParseError) -> [Message] {
        var messages: [Message] = []
        for byte in chunk {
            if skipLineFeed {
                skipLineFeed = false
                if byte == UInt8(ascii: "\n") { continue }
            }
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                skipLineFeed = byte == UInt8(ascii: "\r")
                if let message = line(String(decoding: pending, as: UTF8.self)) { messages.append(message) }
                pending.removeAll(keepingCapacity: true)
            } else {
                pending.append(byte)
                if pending.count > Self.maxLineBytes { throw ParseError(bytes: pending.count) }
            }
        }
        return messages
    }

    /// A line longer than `maxLineBytes`.
    struct ParseError: Error {
        /// How long it got.
        var bytes: Int
    }

    private mutating func line(_ text: String) -> Message? {
        if text.isEmpty {
            defer { (event, data) = (nil, []) }
            guard !data.isEmpty else { return nil }
            return Message(id: id, event: event ?? "message", data: data.joined(separator: "\n"))
        }
        if text.hasPrefix(":") { return nil }
        let field: Substring
        var value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.hasPrefix(" ") { value = value.dropFirst() }
        } else {
            (field, value) = (text[...], "")
        }
        switch field {
        case "id": id = String(value)
        case "event": event = String(value)
        case "data": data.append(String(value))
        default: break
        }
        return nil
    }
}
