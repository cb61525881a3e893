import Foundation

/// What `lstat(2)` says of a path: one system call, where `FileManager.attributesOfItem` makes
/// several and builds a dictionary (it showed in the file route's profile). Links are not
/// followed: a symbolic link is reported as one.
public struct FileStatus: Equatable, Sendable {
    /// Whether it is a regular file (not a folder, a link, a device…).
    public var isRegularFile: Bool
    /// Whether it is a folder (not a link to one).
    public var isDirectory: Bool
    /// Whether it is a symbolic link.
    public var isSymbolicLink: Bool
    /// Its size in bytes.
    public var size: Int
    /// Its modification time in microseconds since 1970.
    public var modifiedMicroseconds: Int64
    /// Its inode: a file written anew and renamed into place (as the blob store does) has another.
    public var inode: UInt64

    /// The status of the path itself (a link is not followed), or nil when there is none.
    public init?(path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        let type = info.st_mode & S_IFMT
        isRegularFile = type == S_IFREG
        isDirectory = type == S_IFDIR
        isSymbolicLink = type == S_IFLNK
        size = Int(info.st_size)
        modifiedMicroseconds = Int64(info.st_mtim.tv_sec) * 1_000_000 + Int64(info.st_mtim.tv_nsec) / 1000
        inode = UInt64(info.st_ino)
    }
}
