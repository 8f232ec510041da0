package dev.jwe.samples.jaxrswar;

import dev.jwe.samples.wars.JettyWarContainer;
import dev.jwe.samples.wars.WarContainer;

/** {@link JaxrsWarSuite} with the WAR deployed into {@link JettyWarContainer}. */
class JaxrsWarJettyIT extends JaxrsWarSuite {

    @Override
    protected WarContainer container() {
        return new JettyWarContainer();
    }
}
