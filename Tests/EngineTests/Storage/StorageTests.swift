import Engine
import Foundation
import Testing
import TestSupport

@Suite("blob keys and the local store")
struct StorageTests {
    @Test("keys that could leave the store are refused", arguments: [
        "../etc/passwd", "samples/../../x", "/abs", "a//b", "a/./b", "", "a/b/", "sp ace", "a\\b", "ü",
    ])
    func badKeys(key: String) {
        #expect(throws: BlobKeyError.self) { try BlobKey(key) }
    }

    @Test("good keys map inside the root; writes are atomic and record the content type")
    func putAndCopy() async throws {
        let scratch = Scratch("blobs")
        let store = try LocalBlobStore(root: scratch.url.appendingPathComponent("blobs"),
                                       staging: scratch.url.appendingPathComponent("staging"))
        let source = scratch.url.appendingPathComponent("src.bin")
        try Data(repeating: 7, count: 1000).write(to: source)
        let key = try BlobKey("samples/abc-123/audio.wav")
        let stored = try await store.put(file: source, key: key, contentType: "audio/wav")
        #expect(stored.bytes == 1000)
        #expect(store.path(for: key).path.hasPrefix(store.root.path + "/"))
        #expect(store.contentType(for: key) == "audio/wav")
        #expect(scratch.contents("staging").isEmpty, "nothing left in staging")
        let copy = scratch.url.appendingPathComponent("out.wav")
        try await store.copy(key, to: copy)
        #expect(try Data(contentsOf: copy) == Data(repeating: 7, count: 1000))
        try await store.removeAll(under: try BlobKey("samples/abc-123"))
        #expect(await store.exists(key) == false)
    }

    @Test("links inside the store are never followed: a linked file or folder counts as missing and is not written through")
    func symbolicLinks() async throws {
        let scratch = Scratch("blob-links")
        let store = try LocalBlobStore(root: scratch.url.appendingPathComponent("blobs"),
                                       staging: scratch.url.appendingPathComponent("staging"))
        let fm = FileManager.default
        let outside = scratch.path("outside")
        try fm.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try Data("secret".utf8).write(to: URL(fileURLWithPath: "\(outside)/secret.wav"))
        try fm.createDirectory(atPath: store.root.path + "/samples/a", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: store.root.path + "/samples/a/audio.wav", withDestinationPath: "\(outside)/secret.wav")
        try fm.createSymbolicLink(atPath: store.root.path + "/samples/b", withDestinationPath: outside)

        for key in ["samples/a/audio.wav", "samples/b/secret.wav"] {
            let blob = try BlobKey(key)
            #expect(store.localURL(for: blob) == nil, "\(key)")
            #expect(await store.exists(blob) == false, "\(key)")
            await #expect(throws: (any Error).self, "\(key)") {
                try await store.copy(blob, to: scratch.url.appendingPathComponent("copy.wav"))
            }
        }
        let source = scratch.url.appendingPathComponent("src.bin")
        try Data(repeating: 1, count: 10).write(to: source)
        await #expect(throws: (any Error).self) {
            try await store.put(file: source, key: try BlobKey("samples/b/new.wav"), contentType: "audio/wav")
        }
        #expect(!fm.fileExists(atPath: "\(outside)/new.wav"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(outside)/secret.wav")) == Data("secret".utf8))
    }
}
