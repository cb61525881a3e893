import Foundation

/// Small helpers for command output.
enum Terminal {
    /// A transient status line on stderr (overwritten on a terminal).
    static func status(_ text: String) {
        if isatty(STDERR_FILENO) != 0 {
            FileHandle.standardError.write(Data("\r\u{1B}[2K\(text.prefix(120))".utf8))
        }
    }

    /// Clears the status line.
    static func clearStatus() {
        if isatty(STDERR_FILENO) != 0 { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }

    /// An error line on stderr.
    static func error(_ text: String) {
        clearStatus()
        FileHandle.standardError.write(Data("error: \(text)\n".utf8))
    }

    /// A progress bar of `width` cells.
    static func bar(_ fraction: Double, width: Int = 24) -> String {
        let filled = Int((min(1, max(0, fraction)) * Double(width)).rounded())
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }
}
