import Foundation
import Media

/// A temporary folder beside the destination in which outputs are built; `commit()` puts it
/// in place with renames, `discard()` removes it. Until `commit()` the destination is untouched.
struct StagingDirectory {
    /// Where the outputs end up.
    let destination: URL
    /// Where they are built.
    let temporary: URL

    /// Creates the parent of `destination` if needed and a fresh temporary folder in it.
    init(destination: URL) throws(MediaError) {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: self.destination.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw .outputUnwritable(self.destination.path, "a file with that name exists")
        }
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw .outputUnwritable(parent.path, "cannot create the folder")
        }
        let name = ".\(self.destination.lastPathComponent).partial-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        temporary = parent.appendingPathComponent(name, isDirectory: true)
        do {
            try fm.createDirectory(at: temporary, withIntermediateDirectories: false)
        } catch {
            throw .outputUnwritable(parent.path, "cannot create files in it")
        }
    }

    /// A path inside the temporary folder.
    func path(_ relative: String) -> String { temporary.appendingPathComponent(relative).path }

    /// Moves the finished outputs to the destination, replacing what was there.
    func commit() throws(MediaError) {
        let fm = FileManager.default
        let previous = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).old-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let hadPrevious = fm.fileExists(atPath: destination.path)
        if hadPrevious && rename(destination.path, previous.path) != 0 {
            discard()
            throw .outputUnwritable(destination.path, String(cString: strerror(errno)))
        }
        if rename(temporary.path, destination.path) != 0 {
            let reason = String(cString: strerror(errno))
            if hadPrevious { _ = rename(previous.path, destination.path) }
            discard()
            throw .outputUnwritable(destination.path, reason)
        }
        if hadPrevious { try? fm.removeItem(at: previous) }
    }

    /// Removes the temporary folder and all in it.
    func discard() {
        try? FileManager.default.removeItem(at: temporary)
    }
}
