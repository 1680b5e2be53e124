-- Definitions the views share, each written once.

-- Senate asset types (PTRs and annual reports) onto the House codes the analysis filters on;
-- the printed type is always kept beside it.
CREATE OR REPLACE MACRO senate_asset_code(t) AS CASE t
    WHEN 'Stock' THEN 'ST' WHEN 'Stock Option' THEN 'OP' WHEN 'Non-Public Stock' THEN 'PS'
    WHEN 'Corporate Bond' THEN 'CS' WHEN 'Municipal Security' THEN 'GS' WHEN 'Government Security' THEN 'GS'
    WHEN 'Exchange Traded Fund' THEN 'EF' WHEN 'ETF' THEN 'EF' WHEN 'Mutual Fund' THEN 'MF'
    WHEN 'Cryptocurrency' THEN 'CT' WHEN 'Other Securities' THEN 'OT' WHEN 'Other' THEN 'OT'
    WHEN 'Bank Deposit' THEN 'BA' WHEN 'Brokerage/Managed Account' THEN 'BK'
    WHEN '529 College Savings Plan' THEN '5C' WHEN 'Variable Annuity' THEN 'VA'
    WHEN 'Defined Benefit Pension Plan' THEN 'DB' WHEN 'Variable' THEN 'VI' END;
