package dev.jwe.samples.servletwar;

import dev.jwe.samples.wars.JettyWarContainer;
import dev.jwe.samples.wars.WarContainer;

/** {@link ServletWarSuite} with the WAR deployed into {@link JettyWarContainer}. */
class ServletWarJettyIT extends ServletWarSuite {

    @Override
    protected WarContainer container() {
        return new JettyWarContainer();
    }
}
