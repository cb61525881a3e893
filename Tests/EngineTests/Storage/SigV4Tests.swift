@testable import Engine
import Foundation
import Model
import Net
import Testing

/// AWS's published Signature V4 examples, reproduced exactly: the S3 examples of
/// docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html (and the presigned
/// URL of …/sigv4-query-string-auth.html), and `get-vanilla` of the generic SigV4 test suite.
@Suite("SigV4: AWS's published examples")
struct SigV4Tests {
    let signer = SigV4Signer(accessKey: "AKIAIOSFODNN7EXAMPLE", secretKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", region: "us-east-1")
    let date = "20130524T000000Z"
    let host = ("host", "examplebucket.s3.amazonaws.com")
    let emptyHash = SigV4Signer.emptyPayloadHash

    @Test("GET Object with a Range")
    func getObject() {
        let request = SigV4Signer.Request(method: "GET", path: "/test.txt",
                                          headers: [host, ("range", "bytes=0-9"), ("x-amz-content-sha256", emptyHash), ("x-amz-date", date)],
                                          payloadHash: emptyHash)
        #expect(signer.canonicalRequest(request) == """
            GET
            /test.txt

            host:examplebucket.s3.amazonaws.com
            range:bytes=0-9
            x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            x-amz-date:20130524T000000Z

            host;range;x-amz-content-sha256;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(signer.stringToSign(request, amzDate: date) == """
            AWS4-HMAC-SHA256
            20130524T000000Z
            20130524/us-east-1/s3/aws4_request
            7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972
            """)
        #expect(signer.signature(request, amzDate: date) == "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        #expect(signer.authorization(request, amzDate: date) == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    @Test("PUT Object: the path is encoded once ($ → %24), headers in any case and order")
    func putObject() {
        let body = Data("Welcome to Amazon S3.".utf8)
        let hash = SigV4Signer.sha256Hex(body)
        #expect(hash == "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
        let request = SigV4Signer.Request(method: "PUT", path: "/test$file.text",
                                          headers: [("X-Amz-Storage-Class", "REDUCED_REDUNDANCY"), ("Date", "Fri, 24 May 2013 00:00:00 GMT"),
                                                    ("Host", host.1), ("x-amz-date", date), ("x-amz-content-sha256", hash)],
                                          payloadHash: hash)
        #expect(signer.canonicalRequest(request).hasPrefix("PUT\n/test%24file.text\n\n"))
        #expect(SigV4Signer.sha256Hex(Data(signer.canonicalRequest(request).utf8)) == "9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d")
        #expect(signer.signature(request, amzDate: date) == "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")
    }

    @Test("GET Bucket Lifecycle: a valueless parameter is signed as `lifecycle=`")
    func lifecycle() {
        let request = SigV4Signer.Request(method: "GET", path: "/", query: [("lifecycle", "")],
                                          headers: [host, ("x-amz-content-sha256", emptyHash), ("x-amz-date", date)], payloadHash: emptyHash)
        #expect(SigV4Signer.sha256Hex(Data(signer.canonicalRequest(request).utf8)) == "9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca")
        #expect(signer.signature(request, amzDate: date) == "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")
    }

    @Test("GET Bucket (list objects): parameters sorted by name")
    func listObjects() {
        let request = SigV4Signer.Request(method: "GET", path: "/", query: [("prefix", "J"), ("max-keys", "2")],
                                          headers: [host, ("x-amz-content-sha256", emptyHash), ("x-amz-date", date)], payloadHash: emptyHash)
        #expect(signer.canonicalRequest(request).contains("\nmax-keys=2&prefix=J\n"))
        #expect(signer.signature(request, amzDate: date) == "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")
    }

    @Test("a presigned GET URL, as the client builds it for a virtual-hosted bucket")
    func presignedURL() {
        let expected = "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
        let endpoint = S3Endpoint(scheme: "https", host: "s3.amazonaws.com", bucket: "examplebucket", region: "us-east-1", pathStyle: false)
        let client = S3Client(endpoint: endpoint, accessKey: signer.accessKey, secretKey: signer.secretKey,
                              clock: { Date(timeIntervalSince1970: 1_369_353_600) })  // 2013-05-24T00:00:00Z
        #expect(SigV4Signer.amzDate(Date(timeIntervalSince1970: 1_369_353_600)) == date)
        #expect(client.presignedURL("test.txt", expires: 86400) == expected)
    }

    @Test("the generic suite's get-vanilla (another service, other keys)")
    func getVanilla() {
        let signer = SigV4Signer(accessKey: "AKIDEXAMPLE", secretKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", region: "us-east-1", service: "service")
        let request = SigV4Signer.Request(method: "GET", path: "/", headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
                                          payloadHash: emptyHash)
        #expect(signer.authorization(request, amzDate: "20150830T123600Z") == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }

    @Test("path-style and virtual-hosted addressing give the URLs (and Host) the signature is made over")
    func addressing() throws {
        let aws = S3Endpoint.aws(bucket: "acme-backups", region: "eu-west-1")
        #expect(aws.url(path: aws.path("flatdesk/a b.zip")) == "https://acme-backups.s3.eu-west-1.amazonaws.com/flatdesk/a%20b.zip")
        let r2 = try #require(S3Endpoint(url: "https://abc.r2.cloudflarestorage.com", bucket: "acme", region: "auto", pathStyle: true))
        #expect(r2.url(path: r2.path("a b/c.zip")) == "https://abc.r2.cloudflarestorage.com/acme/a%20b/c.zip")
        #expect(r2.hostHeader == "abc.r2.cloudflarestorage.com")
        let moto = try #require(S3Endpoint(url: "http://127.0.0.1:9000", bucket: "b-1", region: "us-east-1", pathStyle: true))
        #expect(moto.hostHeader == "127.0.0.1:9000")
        #expect(S3Endpoint(url: "http://127.0.0.1:9000/some/path", bucket: "b", region: "x", pathStyle: true) == nil)
        #expect(S3Endpoint(url: "ftp://host", bucket: "b", region: "x", pathStyle: true) == nil)
    }
}

@Suite("S3 errors: the XML error body mapped to storage.* codes")
struct S3ErrorTests {
    @Test("codes a user can act on", arguments: [
        (404, "NoSuchKey", "storage.not_found"), (404, "NoSuchBucket", "storage.no_bucket"), (403, "AccessDenied", "storage.denied"),
        (403, "SignatureDoesNotMatch", "storage.denied"), (403, "InvalidAccessKeyId", "storage.denied"),
        (403, "RequestTimeTooSkewed", "storage.denied"), (416, "InvalidRange", "storage.invalid_range"),
        (503, "SlowDown", "storage.unreachable"), (500, "InternalError", "storage.unreachable"), (400, "BadDigest", "storage.failed"),
        (404, nil, "storage.not_found"),
    ] as [(Int, String?, String)])
    func mapping(status: Int, code: String?, expected: String) {
        let body = code.map { "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>\($0)</Code><Message>Some &amp; message</Message><Resource>/b/k</Resource><RequestId>4442587FB7D0A2F9</RequestId></Error>" } ?? ""
        let error = S3Error.from(HTTPResponse(status: status, headers: [:], body: Data(body.utf8), url: "http://x/b/k", receivedBytes: 0),
                                 operation: "download", key: "samples/x/audio.wav")
        #expect(error.code == expected)
        #expect(error.message.contains("samples/x/audio.wav"))
        if code != nil { #expect(error.message.contains("Some & message")) }
    }
}
