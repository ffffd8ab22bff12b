-- The product catalogue: every product that was ever deployed, as it last said it was (name, family,
-- icon), so that a subscription to a product whose bundle is gone still shows the product's name.
-- Owned by org.sightline.core.internal.catalogue.
CREATE TABLE product_catalogue (
    product_id   VARCHAR(40)    NOT NULL PRIMARY KEY,
    display_name VARCHAR(200)   NOT NULL,
    family       VARCHAR(40)    NOT NULL,
    icon_svg     VARCHAR(20000),
    seen_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
