package dev.jwe.servlet;

/** RFC 9728 metadata and challenges on Jetty, from a real web.xml. */
class JettyResourceMetadataIT extends ResourceMetadataSuite {
    @Override
    ServletContainer container() {
        return new JettyContainer();
    }
}
