/// Something the user can ask the app to do. Each has default keys (`KeyMap.defaults`) and can
/// be rebound in `keys.toml` by its `rawValue`.
public enum Action: String, Sendable, CaseIterable, Codable {
    case down, up, pageDown = "page_down", pageUp = "page_up", top, bottom
    case playPause = "play_pause", seekBack = "seek_back", seekForward = "seek_forward"
    case seekBackFar = "seek_back_far", seekForwardFar = "seek_forward_far"
    case markStart = "mark_start", markEnd = "mark_end", snap, loop, session, sync
    case volumeUp = "volume_up", volumeDown = "volume_down", next, previous, autoplay
    case search, filters, sort, reverse, add, export, copyPath = "copy_path", delete, retry, stems, expand, collections, refresh
    case star, starredOnly = "starred_only", crate, crates, similar
    case messages, help, quit

    /// What it does, for the help overlay.
    public var summary: String {
        switch self {
        case .down: return "move down"
        case .up: return "move up"
        case .pageDown: return "page down"
        case .pageUp: return "page up"
        case .top: return "first sample"
        case .bottom: return "last sample"
        case .playPause: return "play / pause"
        case .seekBack: return "seek back"
        case .seekForward: return "seek forward"
        case .seekBackFar: return "seek back more"
        case .seekForwardFar: return "seek forward more"
        case .markStart: return "region start at playhead"
        case .markEnd: return "region end at playhead"
        case .snap: return "snap marks to beats"
        case .loop: return "loop region (or all)"
        case .session: return "session tempo and key"
        case .sync: return "sync to the session"
        case .autoplay: return "autoplay on / off"
        case .messages: return "past messages"
        case .volumeUp: return "volume up"
        case .volumeDown: return "volume down"
        case .next: return "play next"
        case .previous: return "play previous"
        case .search: return "search as you type"
        case .filters: return "filter bpm/key/status"
        case .sort: return "cycle the sort order"
        case .reverse: return "reverse the order"
        case .add: return "add a URL, file, folder"
        case .export: return "export WAV or MP3"
        case .copyPath: return "copy exported path"
        case .delete: return "delete the sample"
        case .retry: return "retry a failed one"
        case .stems: return "ask for stems"
        case .expand: return "show / hide stems"
        case .collections: return "collections, progress"
        case .refresh: return "refresh"
        case .star: return "star / unstar"
        case .starredOnly: return "starred only / all"
        case .crate: return "add to a crate"
        case .crates: return "crates: order, remove"
        case .similar: return "like this (tab: aspect)"
        case .help: return "this help"
        case .quit: return "quit"
        }
    }
}
