// Names and numbers the server prints about itself.

public enum Version {
    public static let number = "0.1.0"
    /// What `Server:` headers, `server-status` and the error log call this server. The
    /// "(Unix)" suffix mirrors Apache's ServerTokens Full banner.
    public static let serverBanner = "mpmd/\(number) (Unix)"
    /// The value of the `Server` response header (Apache's ServerTokens Full default).
    public static let serverHeader = serverBanner
    /// When this binary was built, as `server-status` prints it ("Server Built:").
    public static let built = "MPMLab build"
}
