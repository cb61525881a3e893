import Foundation

/// The terminal's clipboard through OSC 52 (`ESC ] 52 ; c ; base64 BEL`), which most terminals
/// and tmux (with `set -g set-clipboard on`) pass on to the system clipboard, over SSH too.
enum Clipboard {
    /// The escape sequence that puts `text` on the clipboard.
    static func sequence(_ text: String) -> String {
        "\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}"
    }

    /// Writes the sequence to the terminal (standard output, which curses draws on).
    static func copy(_ text: String) {
        FileHandle.standardOutput.write(Data(sequence(text).utf8))
    }
}
