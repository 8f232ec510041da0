package dev.jwe.servlet;

/** RFC 9728 metadata and challenges on Tomcat, from a real web.xml. */
class TomcatResourceMetadataIT extends ResourceMetadataSuite {
    @Override
    ServletContainer container() {
        return new TomcatContainer();
    }
}
