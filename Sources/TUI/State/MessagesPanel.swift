/// `m`: the message log over the app, newest first, each message in full (wrapped): what the
/// status line cut short, and every problem of `keys.toml` and `settings.toml`.
public struct MessagesPanel: Sendable, Equatable {
    /// How many lines the view is scrolled down from the newest message.
    public var scroll = 0

    /// An unscrolled panel.
    public init() {}
}

extension AppState {
    /// A key while the message log is open: scroll, or close (esc, q, the messages key).
    mutating func messagesKey(_ key: KeyPress) -> [Effect] {
        guard case .messages(var panel)? = frontOverlay else { return [] }
        let page = max(1, rows - 6)
        switch (key, keyMap.action(for: key)) {
        case (.escape, _), (_, .quit?), (_, .messages?):
            overlays.removeLast()
            return []
        case (_, .down?): panel.scroll += 1
        case (_, .up?): panel.scroll -= 1
        case (_, .pageDown?), (.character(" "), _): panel.scroll += page
        case (_, .pageUp?): panel.scroll -= page
        case (_, .top?): panel.scroll = 0
        case (_, .bottom?): panel.scroll = Int.max / 2
        default: return []
        }
        panel.scroll = max(0, panel.scroll)
        overlays[overlays.count - 1] = .messages(panel)
        return []
    }
}
