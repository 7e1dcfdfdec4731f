// <Location> matching (whole path segments) and merging (file order, the last one wins),
// SetHandler, and Require with mod_authz_host's address forms.
@testable import Config
import Testing

@Suite("Locations and access")
struct LocationTests {
    @Test("a Location matches on whole path segments", arguments: [
        ("/lab", "/lab", true), ("/lab", "/lab/", true), ("/lab", "/lab/whoami", true),
        ("/lab", "/laboratory", false), ("/lab/", "/lab", false), ("/lab/", "/lab/x", true),
        ("/", "/anything", true), ("/lab", "//lab//whoami", true), ("/server-status", "/server-status", true),
    ])
    func matching(section: String, path: String, matches: Bool) {
        #expect(LocationConfig(path: section).matches(path) == matches)
    }

    @Test("matching sections merge in file order, and the last one wins")
    func mergeOrder() throws {
        let t = try TemporaryConfig()
        let c = try t.load("""
            Listen 80
            Require all granted
            <Location /lab>
                SetHandler lab
                Require local
            </Location>
            <Location />
                LimitRequestBody 10
            </Location>
            <Location /lab/open>
                Require all granted
            </Location>
            <Location /lab/none>
                SetHandler none
            </Location>

            """)
        let lab = c.location(for: "/lab/whoami")
        #expect(lab.handler == .lab)
        #expect(lab.requirements == [.local])
        #expect(lab.limitRequestBody == 10)
        #expect(lab.sections == ["/lab", "/"])
        #expect(c.location(for: "/lab/open").requirements == [.allGranted])
        #expect(c.location(for: "/lab/open").handler == .lab)
        #expect(c.location(for: "/lab/none/x").handler == .none)
        let page = c.location(for: "/index.html")
        #expect(page.handler == .none)
        #expect(page.requirements == [.allGranted])
        #expect(c.location(for: "/laboratory").limitRequestBody == 10)
    }

    @Test("several Require lines in a section mean any of them")
    func requireAny() throws {
        let t = try TemporaryConfig()
        let c = try t.load("<Location /x>\nRequire ip 10.0.0.0/8\nRequire ip 192.168.1.7 fe80::/10\n</Location>\n")
        let x = c.location(for: "/x")
        #expect(x.allows(client: IPAddress("10.2.3.4")!, server: nil))
        #expect(x.allows(client: IPAddress("192.168.1.7")!, server: nil))
        #expect(x.allows(client: IPAddress("fe80::1")!, server: nil))
        #expect(!x.allows(client: IPAddress("192.168.1.8")!, server: nil))
        #expect(c.location(for: "/y").allows(client: IPAddress("8.8.8.8")!, server: nil))
    }

    @Test("Require local admits loopback and the server's own address", arguments: [
        ("127.0.0.1", nil, true), ("127.9.9.9", nil, true), ("::1", nil, true), ("::ffff:127.0.0.1", nil, true),
        ("10.0.0.5", nil, false), ("10.0.0.5", "10.0.0.5", true), ("::2", nil, false),
    ] as [(String, String?, Bool)])
    func requireLocal(client: String, server: String?, allowed: Bool) {
        #expect(Requirement.local.allows(client: IPAddress(client)!, server: server.flatMap { IPAddress($0) }) == allowed)
    }

    @Test("Require ip networks in mod_authz_host's forms", arguments: [
        ("10.1", "10.1.200.3", true), ("10.1", "10.2.0.1", false), ("192.168.0.0/16", "192.168.44.1", true),
        ("10.0.0.0/255.0.0.0", "10.9.9.9", true), ("10.0.0.0/255.0.0.0", "11.0.0.1", false),
        ("2001:db8::/32", "2001:db8:1::5", true), ("2001:db8::/32", "2001:db9::5", false),
        ("127.0.0.1", "::ffff:127.0.0.1", true), ("0.0.0.0/0", "1.2.3.4", true),
    ])
    func ipNetworks(network: String, client: String, inside: Bool) {
        #expect(IPNetwork(network)!.contains(IPAddress(client)!) == inside)
    }

    @Test("bad Require and SetHandler lines are errors", arguments: [
        ("Require all", "'Require all' requires the argument 'granted' or 'denied'"),
        ("Require local 1.2.3.4", "'Require local' does not take an argument"),
        ("Require ip", "'Require ip' requires an argument"),
        ("Require ip 300.1.1.1", "ip address '300.1.1.1' appears to be invalid"),
        ("Require ip 10.0.0.0/33", "ip address '10.0.0.0/33' appears to be invalid"),
        ("Require ip 10.0.0.0/255.0.255.0", "ip address '10.0.0.0/255.0.255.0' appears to be invalid"),
        ("Require user bob", "Unknown Authz provider: user"),
        ("SetHandler cgi-script", "SetHandler: mpmd has no handler 'cgi-script' (it knows server-status, lab and none)"),
    ])
    func badLines(line: String, message: String) throws {
        let t = try TemporaryConfig()
        let error = try #require(try t.error("<Location /x>\n\(line)\n</Location>\n"))
        #expect(error.line == 2)
        #expect(error.message == message)
    }
}
