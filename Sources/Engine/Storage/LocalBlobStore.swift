import Foundation

/// Blobs as files under one folder. Writes go to a staging folder on the same file system and
/// are renamed into place; content types are kept beside each file in `<name>.type`.
///
/// Symbolic links inside the folder are never followed: a key whose path passes through one
/// (or ends at one) counts as missing, and `put` refuses to write through one. Only the folder
/// itself may be a link (to a bigger disk, say).
public struct LocalBlobStore: BlobStore {
    /// The folder holding the blobs.
    public let root: URL
    /// `root` as a path without a trailing slash.
    private let rootPath: String
    private let staging: URL

    /// A store in `root`, staging writes in `staging` (same file system).
    public init(root: URL, staging: URL) throws {
        self.root = root.standardizedFileURL
        rootPath = self.root.path.hasSuffix("/") ? String(self.root.path.dropLast()) : self.root.path
        self.staging = staging
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// The path a key maps to. `BlobKey` guarantees it stays under `root`.
    public func path(for key: BlobKey) -> URL {
        URL(fileURLWithPath: filePath(for: key))
    }

    /// The same path as text, built without `URL` (the file route asks on every request).
    public func filePath(for key: BlobKey) -> String {
        rootPath + "/" + key.description
    }


    public func put(file source: URL, key: BlobKey, contentType: String) async throws -> StoredBlob {
        let destination = path(for: key)
        let fm = FileManager.default
        try fm.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        let folder = key.description.split(separator: "/").dropLast().joined(separator: "/")
        guard folder.isEmpty || status(ofRelative: folder)?.isDirectory == true else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: destination.path,
                                                              NSLocalizedDescriptionKey: "a symbolic link is in the way"])
        }
        let temporary = staging.appendingPathComponent("blob-\(getpid())-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: temporary) }
        try fm.copyItem(at: source, to: temporary)
        let typeFile = destination.appendingPathExtension("type")
        try Data(contentType.utf8).write(to: typeFile, options: .atomic)
        guard rename(temporary.path, destination.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination.path])
        }
        let size = (try fm.attributesOfItem(atPath: destination.path)[.size] as? NSNumber)?.intValue ?? 0
        return StoredBlob(key: key, bytes: size, contentType: contentType)
    }

    /// Removes staged files left by processes that died mid-write (named `blob-<pid>-…`).
    public func sweepStaging() {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: staging.path)) ?? [] {
            let parts = name.split(separator: "-")
            guard parts.count > 2, parts[0] == "blob", let pid = Int32(parts[1]) else { continue }
            guard pid != getpid(), ProcessLiveness.isGone(pid) else { continue }
            try? fm.removeItem(at: staging.appendingPathComponent(name))
        }
    }

    public func localURL(for key: BlobKey) -> URL? {
        status(for: key)?.isRegularFile == true ? path(for: key) : nil
    }

    /// The status of the file of `key`, or nil when there is none or its path inside the folder
    /// passes through a symbolic link (the file itself being a link included).
    public func status(for key: BlobKey) -> FileStatus? {
        status(ofRelative: key.description)
    }

    private func status(ofRelative relative: String) -> FileStatus? {
        var path = rootPath
        var status: FileStatus?
        for part in relative.split(separator: "/") {
            if let folder = status, !folder.isDirectory { return nil }
            path += "/" + part
            guard let next = FileStatus(path: path), !next.isSymbolicLink else { return nil }
            status = next
        }
        return status
    }

    public func exists(_ key: BlobKey) async -> Bool { localURL(for: key) != nil }

    /// The content type recorded for a key.
    public func contentType(for key: BlobKey) -> String? {
        guard status(ofRelative: key.description + ".type")?.isRegularFile == true else { return nil }
        return try? String(contentsOf: path(for: key).appendingPathExtension("type"), encoding: .utf8)
    }

    public func removeAll(under prefix: BlobKey) async throws {
        let url = path(for: prefix)
        if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
    }

    public func remove(_ key: BlobKey) async throws {
        let fm = FileManager.default
        for path in [filePath(for: key), filePath(for: key) + ".type"] where FileStatus(path: path) != nil {
            try fm.removeItem(atPath: path)
        }
    }

    public func data(_ key: BlobKey) async throws -> Data {
        guard let url = localURL(for: key) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path(for: key).path])
        }
        return try Data(contentsOf: url)
    }

    /// Regular files under the folder (links are not followed; `.type` files are the store's own).
    public func list(prefix: String) async throws -> [ListedBlob] {
        var found: [ListedBlob] = []
        func walk(_ relative: String) {
            let folder = relative.isEmpty ? rootPath : rootPath + "/" + relative
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() {
                let child = relative.isEmpty ? name : relative + "/" + name
                guard let status = FileStatus(path: rootPath + "/" + child), !status.isSymbolicLink else { continue }
                if status.isDirectory {
                    if child.hasPrefix(prefix) || prefix.hasPrefix(child + "/") { walk(child) }
                } else if status.isRegularFile, !name.hasSuffix(".type"), child.hasPrefix(prefix) {
                    found.append(ListedBlob(key: child, bytes: status.size))
                }
            }
        }
        walk("")
        return found
    }

    /// None: the server serves a local folder (`/files/`).
    public func publicURL(for key: BlobKey) -> String? { nil }

    /// None: the server signs its own links to a local folder (`FileLinkSigner`).
    public func presignedURL(for key: BlobKey, seconds: Int) -> String? { nil }

    public func copy(_ key: BlobKey, to destination: URL) async throws {
        let fm = FileManager.default
        let temporary = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).part")
        try? fm.removeItem(at: temporary)
        guard let source = localURL(for: key) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path(for: key).path])
        }
        try fm.copyItem(at: source, to: temporary)
        guard rename(temporary.path, destination.path) == 0 else {
            try? fm.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination.path])
        }
    }
}
