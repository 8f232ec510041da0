package dev.jwe.samples.jaxrswar;

import dev.jwe.samples.wars.TomcatWarContainer;
import dev.jwe.samples.wars.WarContainer;

/** {@link JaxrsWarSuite} with the WAR deployed into {@link TomcatWarContainer}. */
class JaxrsWarTomcatIT extends JaxrsWarSuite {

    @Override
    protected WarContainer container() {
        return new TomcatWarContainer();
    }
}
