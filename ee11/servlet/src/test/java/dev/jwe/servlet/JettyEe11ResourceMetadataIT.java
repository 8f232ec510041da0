package dev.jwe.servlet;

/** RFC 9728 metadata and challenges on Jetty 12.1 ee11 (Servlet 6.1), from a real web.xml. */
class JettyEe11ResourceMetadataIT extends ResourceMetadataSuite {
    @Override
    ServletContainer container() {
        return new JettyEe11Container();
    }
}
