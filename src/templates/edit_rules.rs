//! What the review's edits ask the template files (`crate::model::EditRules`): the form's
//! questions asked once per listed item, and the income and wage presets.

use super::Templates;
use crate::model::{CostParams, EditRules, ItemList};

impl EditRules for Templates {
    fn item_questions(&self, list: ItemList) -> Vec<String> {
        self.form
            .questions()
            .filter(|(_, _, q)| q.per_item == Some(list))
            .map(|(_, _, q)| q.id.clone())
            .collect()
    }

    fn apply_income_preset(&self, year: u16, cost: &mut CostParams) -> bool {
        match self.presets.incomes.iter().find(|p| p.year == year) {
            Some(p) => {
                p.apply(cost);
                true
            }
            None => false,
        }
    }

    fn apply_wage_preset(&self, index: usize, cost: &mut CostParams) -> bool {
        match self.presets.public_wages.get(index) {
            Some(p) => {
                p.apply(cost);
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edit, Review};
    use rust_decimal::Decimal;

    #[test]
    fn a_public_wage_preset_sets_the_hourly_value_of_an_internal_procedure() {
        let t = Templates::embedded();
        let mut r = Review::default();
        r.kind = crate::model::ProcedureKind::NoiBoTrongCoQuan;
        r.apply(&Edit::ApplyWagePreset(0), &t);
        // 2.340.000 × 2,34 ÷ 176 = 31.111,36 → 31.111
        assert_eq!(r.cost.hourly_income.value, Decimal::from(31111));
        assert!(r.cost.income_source.contains("73/2024/NĐ-CP"));
        assert!(r.cost.gdp_per_capita.is_none());
    }

    #[test]
    fn an_income_preset_sets_the_hourly_income_and_its_year() {
        let t = Templates::embedded();
        let mut r = Review::default();
        r.apply(&Edit::ApplyIncomePreset(2023), &t);
        assert_eq!(r.cost.hourly_income.value, Decimal::from(48248));
        assert_eq!(r.cost.income_year, Some(2023));
        // A year without a preset changes nothing.
        let before = r.clone();
        assert_eq!(r.apply(&Edit::ApplyIncomePreset(1990), &t), None);
        assert_eq!(r, before);
    }

    #[test]
    fn the_documents_questions_are_the_forms_per_item_ones() {
        let t = Templates::embedded();
        let ids = t.item_questions(ItemList::Documents);
        assert!(ids.contains(&"hl.ho_so.can_thiet".to_string()), "{ids:?}");
    }
}
