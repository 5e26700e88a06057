import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The status and header fields of a response, names lowercased and sorted (URLSession hands
/// them over as a dictionary with its own capitalisation, so neither the wire order nor the
/// wire spelling is known).
struct ResponseHead: Sendable {
    let status: Int
    let headers: [(name: String, value: String)]

    init(status: Int, headers: [(name: String, value: String)]) {
        self.status = status
        self.headers = headers.sorted { $0.name < $1.name }
    }

    init(_ response: HTTPURLResponse) {
        var fields: [(name: String, value: String)] = []
        for (name, value) in response.allHeaderFields {
            fields.append(("\(name)".lowercased(), "\(value)"))
        }
        self.init(status: response.statusCode, headers: fields)
    }

    /// The first value of `name`, in any case.
    func value(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }

    /// `HTTP/1.1 200 OK`.
    var statusLine: String {
        "HTTP/1.1 \(status) \(HTTPURLResponse.localizedString(forStatusCode: status).capitalized)"
    }

    /// The status line and the header lines, each ending in CRLF, then the empty line (`-i`).
    var httpText: String {
        var out = statusLine + "\r\n"
        for field in headers { out += "\(field.name): \(field.value)\r\n" }
        return out + "\r\n"
    }
}
