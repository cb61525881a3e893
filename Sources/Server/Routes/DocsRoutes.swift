import Engine
import Hummingbird

extension APIServer {
    /// `GET /api/v1/openapi.json` (the OpenAPI document) and `GET /api/v1/docs` (its page). Both
    /// answer 503 `server.docs_unavailable` when the server started without the document.
    func addDocsRoutes(to api: RouterGroup<APIContext>) {
        api.get("openapi.json") { _, _ -> Response in
            let document = try openAPI()
            return Response(status: .ok,
                            headers: [.contentType: "application/json; charset=utf-8", .contentLength: String(document.json.count)],
                            body: .init(byteBuffer: ByteBuffer(bytes: document.json)))
        }
        api.get("docs") { _, _ -> Response in
            let page = ByteBuffer(string: try openAPI().html)
            return Response(status: .ok,
                            headers: [.contentType: "text/html; charset=utf-8", .contentLength: String(page.readableBytes)],
                            body: .init(byteBuffer: page))
        }
    }

    private func openAPI() throws -> OpenAPIDocument {
        guard let document = configuration.openAPI else {
            throw APIError(.serverDocsUnavailable, "This server started without its OpenAPI document (assets/openapi.yaml); set SAMPLETOK_ASSETS to the assets folder.")
        }
        return document
    }
}
