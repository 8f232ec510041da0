package dev.jwe.samples.servletwar;

import dev.jwe.samples.wars.TomcatWarContainer;
import dev.jwe.samples.wars.WarContainer;

/** {@link ServletWarSuite} with the WAR deployed into {@link TomcatWarContainer}. */
class ServletWarTomcatIT extends ServletWarSuite {

    @Override
    protected WarContainer container() {
        return new TomcatWarContainer();
    }
}
