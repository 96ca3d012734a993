package io.ironcage.analytics.core.jmx;

import io.ironcage.analytics.management.ManagementNames;
import java.lang.management.ManagementFactory;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Registers beans under unique names in the platform MBean server, logging (never throwing) when
 * that fails. A taken name gets a suffix {@code -2}, {@code -3}, ... up to {@value #MAX_SUFFIX}.
 */
final class Registrar {
    static final int MAX_SUFFIX = 1_000;
    private static final System.Logger LOG = System.getLogger(StoreMBeans.class.getName());

    private Registrar() {}

    /**
     * Where a bean went.
     *
     * @param objectName the name it is registered under
     * @param name       the raw (unquoted) value of its {@code name} key, suffix included
     */
    record Registered(ObjectName objectName, String name) { }

    /**
     * The object name {@code io.ironcage.analytics:type=<type>,name=<name>}, the name quoted when
     * it holds a character an unquoted value cannot.
     *
     * @param type the type key
     * @param name the raw name
     * @return the object name
     * @throws MalformedObjectNameException never for a name {@code StoreConfig} accepts
     */
    static ObjectName objectName(String type, String name) throws MalformedObjectNameException {
        return new ObjectName(ManagementNames.DOMAIN + ":type=" + type + ",name=" + nameValue(name));
    }

    /**
     * The value of the {@code name} key: the name itself, or quoted when needed.
     *
     * @param name the raw name
     * @return the key value
     */
    static String nameValue(String name) {
        for (int i = 0; i < name.length(); i++) {
            switch (name.charAt(i)) {
                case ',', '=', ':', '"', '*', '?', '\n', '\\' -> {
                    return ObjectName.quote(name);
                }
                default -> { }
            }
        }
        return name;
    }

    /**
     * Registers a bean under the first free name among {@code name}, {@code name-2}, ...
     *
     * @param type what the bean is (the {@code type} key)
     * @param name the preferred name
     * @param bean the bean
     * @return where it was registered, or null if it was not (logged)
     */
    static Registered register(String type, String name, Object bean) {
        MBeanServer server;
        try {
            server = ManagementFactory.getPlatformMBeanServer();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "Iron Cage analytics: " + type + " \"" + name
                    + "\" not registered in JMX: no platform MBean server: " + e);
            return null;
        }
        for (int i = 1; i <= MAX_SUFFIX; i++) {
            String candidate = i == 1 ? name : name + "-" + i;
            ObjectName on;
            try {
                on = objectName(type, candidate);
                server.registerMBean(bean, on);
            } catch (InstanceAlreadyExistsException taken) {
                continue;
            } catch (JMException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Iron Cage analytics: " + type + " \"" + name
                        + "\" not registered in JMX: " + e);
                return null;
            }
            if (i > 1) {
                LOG.log(System.Logger.Level.INFO, "Iron Cage analytics: JMX name of " + type + " \"" + name
                        + "\" is taken by another bean; registered as " + on);
            }
            return new Registered(on, candidate);
        }
        LOG.log(System.Logger.Level.WARNING, "Iron Cage analytics: " + type + " \"" + name
                + "\" not registered in JMX: the names \"" + name + "\" to \"" + name + "-" + MAX_SUFFIX
                + "\" are all taken");
        return null;
    }

    /**
     * Unregisters a bean; a bean already gone is fine, anything else is logged.
     *
     * @param on the name it was registered under
     */
    static void unregister(ObjectName on) {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(on);
        } catch (InstanceNotFoundException gone) {
            // Someone unregistered it for us; nothing to do.
        } catch (JMException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Iron Cage analytics: unregistering " + on + " failed: " + e);
        }
    }
}
