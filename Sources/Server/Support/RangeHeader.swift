import Engine
import Foundation

/// A `Range: bytes=…` request header, resolved against a file's size (RFC 9110 §14).
enum RangeHeader: Equatable {
    /// No usable range: serve the whole file (also for other units and multiple ranges, which
    /// a server may ignore).
    case whole
    /// One satisfiable range.
    case part(ClosedRange<Int>)
    /// A well-formed range outside the file: 416.
    case unsatisfiable

    init(_ header: String?, size: Int) {
        guard let header else { self = .whole; return }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("bytes="), !trimmed.contains(",") else { self = .whole; return }
        let spec = trimmed.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        let bounds = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard bounds.count == 2 else { self = .whole; return }
        // Positions are digits only (`1*DIGIT`): a sign, a space or a second dash makes the
        // header unparseable, and an unparseable range is ignored (the whole file, 200).
        let (start, end) = (Self.digits(bounds[0]), Self.digits(bounds[1]))
        guard bounds[0].isEmpty || start != nil, bounds[1].isEmpty || end != nil, !(bounds[0].isEmpty && bounds[1].isEmpty) else {
            self = .whole
            return
        }
        switch (start, end, bounds[0].isEmpty) {
        case (nil, let suffix?, true):
            // bytes=-N: the last N bytes.
            guard suffix > 0, size > 0 else { self = .unsatisfiable; return }
            self = .part(max(0, size - suffix)...(size - 1))
        case (let first?, nil, _) where bounds[1].isEmpty:
            guard first < size else { self = .unsatisfiable; return }
            self = .part(first...(size - 1))
        case (let first?, let last?, _):
            guard first <= last else { self = .whole; return }
            guard first < size else { self = .unsatisfiable; return }
            self = .part(first...min(last, size - 1))
        default:
            self = .whole
        }
    }

    /// The value of a run of ASCII digits; nil for anything else (signs, spaces, nothing) or a
    /// number too large for `Int`.
    private static func digits(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return Int(text)
    }
}
