/// What the terminal delivered: a key, or a new size.
enum TerminalInput: Equatable {
    /// A key press.
    case key(KeyPress)
    /// The window changed size (KEY_RESIZE, after SIGWINCH).
    case resize
    /// A click of the first mouse button on a cell (where the terminal reports mouse events).
    case click(row: Int, col: Int)
}
