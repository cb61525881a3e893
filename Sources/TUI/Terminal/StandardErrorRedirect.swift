import Foundation

/// Sends stderr to a log file (or /dev/null) while the app owns the screen, so a library's
/// warning can never scribble over the frame; `restore()` puts it back.
struct StandardErrorRedirect {
    private let saved: Int32

    /// Redirects stderr to `file`, appending.
    init(to file: URL?) {
        saved = dup(STDERR_FILENO)
        let path = file?.path ?? "/dev/null"
        var target = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        if target < 0 { target = open("/dev/null", O_WRONLY) }
        if target >= 0 {
            dup2(target, STDERR_FILENO)
            close(target)
        }
    }

    /// Puts the original stderr back.
    func restore() {
        guard saved >= 0 else { return }
        dup2(saved, STDERR_FILENO)
        close(saved)
    }
}
