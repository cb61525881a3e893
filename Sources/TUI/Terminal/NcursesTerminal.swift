import CNcursesw
import Model
import Foundation

/// The one place that talks to ncurses: starts curses mode (raw keys, no echo, keypad, hidden
/// cursor, colours), reads keys with a timeout, writes the cells of a `Canvas` that changed
/// since the last frame, and restores the terminal. Use it from one thread.
final class NcursesTerminal {
    /// Whether the locale is UTF-8 (else only ASCII is written).
    let isUTF8: Bool
    private let palette: StylePalette
    private var previous: Canvas?
    private var window: OpaquePointer?

    /// Enters curses mode.
    ///
    /// - Throws: `SampleTokError` `terminal.unusable` when stdin/stdout is not a terminal or
    ///   `TERM` names none ncurses knows.
    init(colors: Bool) throws {
        if setlocale(LC_ALL, "") == nil { _ = setlocale(LC_ALL, "C.UTF-8") }
        let codeset = shim_codeset().map { String(cString: $0) } ?? ""
        isUTF8 = codeset.uppercased().replacingOccurrences(of: "-", with: "") == "UTF8"
        try TerminalApp.requireTerminal()
        guard shim_newterm() != nil, let screen = shim_stdscr() else { throw TerminalError.unknownTerminal }
        window = OpaquePointer(screen)
        raw()
        noecho()
        nonl()
        keypad(screen, true)
        set_escdelay(25)
        shim_mouse_on()
        curs_set(0)
        palette = StylePalette(colors: colors)
        wbkgdset(screen, chtype(shim_a_normal()) | chtype(32))
        werase(screen)
        TerminalSignals.install()
    }

    /// Leaves curses mode and puts the terminal back as it was.
    func stop() {
        if !isendwin() { endwin() }
        TerminalSignals.uninstall()
    }

    /// The terminal's size, rows × columns.
    var size: (rows: Int, cols: Int) {
        var rows: Int32 = 0, cols: Int32 = 0
        shim_getmaxyx(shim_stdscr(), &rows, &cols)
        return (Int(max(0, rows)), Int(max(0, cols)))
    }

    /// Waits up to `timeout` milliseconds for a key (0: do not wait).
    func read(timeout: Int32) -> TerminalInput? {
        guard let screen = shim_stdscr() else { return nil }
        wtimeout(screen, timeout)
        var value: wint_t = 0
        let result = wget_wch(screen, &value)
        if result == KEY_CODE_YES { return Self.functionKey(Int32(bitPattern: value)) }
        guard result == OK else { return nil }
        return Self.character(UInt32(value)).map(TerminalInput.key)
    }

    /// Forgets the last frame, so the next `draw` writes every cell (after a resize).
    func invalidate() {
        previous = nil
        if let screen = shim_stdscr() { clearok(screen, true) }
    }

    /// Writes the cells of `canvas` that changed since the last frame, then refreshes.
    func draw(_ canvas: Canvas) {
        guard let screen = shim_stdscr() else { return }
        let old = previous.flatMap { $0.rows == canvas.rows && $0.cols == canvas.cols ? $0 : nil }
        if old == nil { werase(screen) }
        for row in 0..<canvas.rows {
            var first = -1, last = -1
            for col in 0..<canvas.cols where old.map({ $0[row, col] != canvas[row, col] }) ?? true {
                if first < 0 { first = col }
                last = col
            }
            guard first >= 0 else { continue }
            while first > 0 && canvas[row, first].isContinuation { first -= 1 }
            writeRun(canvas, row: row, from: first, through: last, screen: screen)
        }
        previous = canvas
        wnoutrefresh(screen)
        doupdate()
    }

    /// Writes cells `from...through` of a row, one call per run of one style.
    private func writeRun(_ canvas: Canvas, row: Int, from: Int, through: Int, screen: UnsafeMutablePointer<WINDOW>) {
        var col = from
        while col <= through {
            let style = canvas[row, col].style
            var text: [wchar_t] = []
            let start = col
            while col <= through && canvas[row, col].style == style {
                let cell = canvas[row, col]
                if !cell.isContinuation { text.append(contentsOf: encode(cell.character)) }
                col += 1
            }
            let (attributes, pair) = palette.look(of: style)
            wattr_set(screen, attributes, pair, nil)
            text.withUnsafeBufferPointer { buffer in
                _ = mvwaddnwstr(screen, Int32(row), Int32(start), buffer.baseAddress, Int32(buffer.count))
            }
        }
        wattr_set(screen, shim_a_normal(), 0, nil)
    }

    /// The wide characters of one cell: its scalars in a UTF-8 locale, else ASCII (or `?`).
    private func encode(_ character: Character) -> [wchar_t] {
        if isUTF8 { return character.unicodeScalars.map { wchar_t(bitPattern: $0.value) } }
        if let ascii = character.asciiValue, ascii >= 32, ascii < 127 { return [wchar_t(ascii)] }
        return [wchar_t(ASCIIFallback.character(for: character).asciiValue ?? 63)]
    }

    private static func functionKey(_ code: Int32) -> TerminalInput? {
        switch code {
        case KEY_RESIZE: return .resize
        case KEY_MOUSE:
            var row: Int32 = 0, col: Int32 = 0
            return shim_read_click(&row, &col) == 1 ? .click(row: Int(row), col: Int(col)) : nil
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_SLEFT: return .key(.shiftLeft)
        case KEY_SRIGHT: return .key(.shiftRight)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_ENTER: return .key(.enter)
        case KEY_BTAB: return .key(.backTab)
        default:
            for n in 1...12 where code == shim_key_f(Int32(n)) { return .key(.function(n)) }
            return nil
        }
    }

    private static func character(_ value: UInt32) -> KeyPress? {
        switch value {
        case 27: return .escape
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 1...26: return Unicode.Scalar(value + 96).map { .control(Character($0)) }
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }
}

/// Why the terminal cannot be used.
enum TerminalError {
    /// stdin or stdout is not a terminal.
    static let notATerminal = SampleTokError(
        code: "terminal.unusable",
        message: "The terminal app needs a terminal on stdin and stdout; for scripts use `sampletok list`, `show`, `submit`.")
    /// ncurses does not know TERM.
    static var unknownTerminal: SampleTokError {
        SampleTokError(.terminalUnusable, "ncurses cannot use the terminal '\(ProcessInfo.processInfo.environment["TERM"] ?? "")': set TERM (e.g. xterm-256color).")
    }
}
