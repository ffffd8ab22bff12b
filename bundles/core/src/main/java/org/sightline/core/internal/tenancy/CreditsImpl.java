package org.sightline.core.internal.tenancy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Component;
import org.sightline.core.Credits;

/**
 * Charges credits on the customer table, in the caller's transaction (see {@link Credits}). Customers
 * are updated in id order, so concurrent charges lock rows in one order. The customer list's credits
 * order ({@link CustomerIndex}) picks the new balances up on its next refresh; the rows it shows always
 * read the current ones.
 */
@Component(service = Credits.class)
public class CreditsImpl implements Credits {
    /** Rows of one statement at most (H2 arrays hold up to 65 536 elements). */
    static final int STATEMENT_ROWS = 20_000;

    /** All of a batch's charges in one statement: the rows travel as one array per column. */
    private static final String CHARGE = "MERGE INTO customer c USING (SELECT * FROM UNNEST(CAST(? AS BIGINT ARRAY), "
            + "CAST(? AS DECIMAL(19,4) ARRAY)) AS v (id, amount)) v ON c.id = v.id "
            + "WHEN MATCHED THEN UPDATE SET credits = c.credits - v.amount";

    @Override
    public void charge(Map<Long, BigDecimal> amounts, DataSource transaction) throws SQLException {
        List<Map.Entry<Long, BigDecimal>> all = new ArrayList<>();
        for (Map.Entry<Long, BigDecimal> e : new TreeMap<>(amounts).entrySet()) {
            if (e.getValue().stripTrailingZeros().scale() > 4) {
                throw new IllegalArgumentException("credits are kept to four decimals; customer " + e.getKey()
                        + " was to be charged " + e.getValue().toPlainString());
            }
            if (e.getValue().signum() != 0) {
                all.add(e);
            }
        }
        // closing the transaction's connection does nothing; a pool's goes back to the pool
        try (Connection c = transaction.getConnection()) {
            if (c.getAutoCommit()) {
                throw new IllegalArgumentException("credits are charged in the caller's transaction; this DataSource "
                        + "is not in one (charge inside Transactions.inTransaction)");
            }
            if (!all.isEmpty()) {
                charge(c, all);
            }
        }
    }

    private static void charge(Connection c, List<Map.Entry<Long, BigDecimal>> all) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CHARGE)) {
            for (int from = 0; from < all.size(); from += STATEMENT_ROWS) {
                List<Map.Entry<Long, BigDecimal>> part = all.subList(from, Math.min(all.size(), from + STATEMENT_ROWS));
                Long[] ids = new Long[part.size()];
                BigDecimal[] values = new BigDecimal[part.size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = part.get(i).getKey();
                    values[i] = part.get(i).getValue().setScale(4);
                }
                ps.setArray(1, c.createArrayOf("bigint", ids));
                ps.setArray(2, c.createArrayOf("numeric", values));
                ps.executeUpdate();
            }
        }
    }
}
