package org.imsajames.bench.matcher;

import java.net.InetAddress;

/** A connection-control list built for lookups, whichever implementation holds it. */
public interface ListLookup {
    /** True when an entry of the list covers the client. */
    boolean contains(InetAddress client);
}
